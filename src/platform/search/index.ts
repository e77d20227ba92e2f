/** The full-text search module: segmentation, the index interface and its two engine implementations. */
export * from './search.js';
export { highlight, snippet, indexTokens, queryTokens, highlightTerms, docNumberTokens } from './segment.js';
