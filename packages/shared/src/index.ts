export * from './api/meta.js';
export * from './api/errors.js';
export * from './ingest/common.js';
export * from './ingest/entities.js';
export * from './settings/settings.js';
export * from './time/index.js';
