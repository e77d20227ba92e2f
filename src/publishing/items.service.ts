/**
 * Proactive disclosure items: drafting, the review chain, release (now or scheduled), revision and
 * withdrawal. The index of the items' use cases, split by job: code tables (items.labels), what every step
 * uses (items.shared), editing and review (items.edit), release and withdrawal (items.release), reads
 * (items.queries).
 */

export type { ItemInput, ReviewBody as ReviewInput } from './publishing.api.js';
export { ATTRIBUTE_LABELS, KIND_LABELS, KINDS, STATUS_LABELS, VALIDITY_LABELS } from './publishing.labels.js';
export { itemUrl } from './items.shared.js';
export { addAttachment, createItem, removeAttachment, reviewItem, submitItem, updateItem } from './items.edit.js';
export { publishInTx, releaseItem, runDueReleases, withdrawItem } from './items.release.js';
export { dueItems, getItemDetail, listItems, reindexPublished, searchPublished } from './items.queries.js';

/** The public column's lists, for the portal's home and agency pages (which must not read another capability's store). */
export { listPublic as listPublicItems, recentPublic as recentPublicItems } from './items.store.js';
