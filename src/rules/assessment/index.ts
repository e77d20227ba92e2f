/** The assessment (政务公开考核) as pure rules: the scheme as data, scoring with evidence, report similarity. */
export * from './scheme.js';
export * from './score.js';
export * from './similarity.js';
