import type { CapabilitySeeder } from '../demo/seed.js';

/** Demo data of the reports capability. */
export const reportsSeeder: CapabilitySeeder = { name: 'reports', seed: async () => {} };
