// Replaced at build time by web/vite.config.mts (from schema.graphql).
declare const __SCHEMA_FEATURES__: import('../schema-features').SchemaFeatures;
