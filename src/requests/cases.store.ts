/**
 * Kysely queries of the case ledger (every staff fetch and list goes through `visibleAgency`): the cases, their
 * events and files (cases-ledger.store.ts) and the lists, workbench and look-ups over them (cases-lists.store.ts).
 */

export * from './cases-ledger.store.js';
export * from './cases-lists.store.js';
