import type { CapabilitySeeder } from '../demo/seed.js';

/** Demo data of the publishing capability. */
export const publishingSeeder: CapabilitySeeder = { name: 'publishing', seed: async () => {} };
