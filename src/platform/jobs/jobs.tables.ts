/** Tables of the job runner (migration 0008-jobs-outbox). */

export interface JobLeaseTable {
  name: string;
  /** The process holding the lease while a run is under way (null when free). */
  holder: string | null;
  lease_until: string | null;
  /** The schedule slot last taken ("every:…", "daily:YYYY-MM-DD"): a slot is run once. */
  last_slot: string | null;
  updated_at: string;
}

export interface JobRunTable {
  id: string;
  name: string;
  slot: string;
  trigger: 'schedule' | 'manual';
  holder: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'ok' | 'failed';
  message: string | null;
}

declare module '../db/tables.js' {
  interface Database {
    job_leases: JobLeaseTable;
    job_runs: JobRunTable;
  }
}
