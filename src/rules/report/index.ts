/** The annual report as pure rules: the two formats as data, building tables from counts, checking, narrative binding. */
export * from './types.js';
export * from './format.js';
export * from './build.js';
export * from './validate.js';
export * from './narrative.js';
