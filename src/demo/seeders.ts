import type { CapabilitySeeder } from './seed.js';
import { requestsSeeder } from '../requests/requests.seed.js';
import { publishingSeeder } from '../publishing/publishing.seed.js';
import { reportsSeeder } from '../reports/reports.seed.js';

/** Demo data of each capability, run in this order after the platform's agencies and staff. */
export const CAPABILITY_SEEDERS: CapabilitySeeder[] = [requestsSeeder, publishingSeeder, reportsSeeder];
