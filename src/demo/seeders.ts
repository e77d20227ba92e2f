import type { CapabilitySeeder } from './seed.js';

/** Demo data of each capability, run in this order after the platform's agencies and staff. */
export const CAPABILITY_SEEDERS: CapabilitySeeder[] = [];
