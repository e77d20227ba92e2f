import type { CapabilitySeeder } from '../demo/seed.js';

/** Demo data of the requests capability. */
export const requestsSeeder: CapabilitySeeder = { name: 'requests', seed: async () => {} };
