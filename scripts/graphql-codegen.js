#!/usr/bin/env node
// Writes src/graphql/schema-types.ts, the resolver and argument types, from schema.graphql
// (@graphql-codegen/typescript + typescript-resolvers). The output is committed, so a
// checkout type-checks without running this; `--check` (run by `npm run typecheck`)
// fails when the committed file is not what the schema gives, so SDL and code cannot drift.
const fs = require('node:fs');
const path = require('node:path');
const { parse, buildSchema } = require('graphql');
const { codegen } = require('@graphql-codegen/core');
const typescript = require('@graphql-codegen/typescript');
const typescriptResolvers = require('@graphql-codegen/typescript-resolvers');

const root = path.join(__dirname, '..');
const schemaFile = path.join(root, 'schema.graphql');
const outFile = path.join(root, 'src', 'graphql', 'schema-types.ts');

// The objects resolvers hand around, where they are not the GraphQL type itself; paths
// are relative to the generated file.
const config = {
  useTypeImports: true,
  enumsAsTypes: true,
  contextType: './context#Context',
  // Imported as CatalogueItemModel etc., beside the generated CatalogueItem.
  mapperTypeSuffix: 'Model',
  scalars: {
    DateTime: { input: 'Date', output: 'Date | string' },
    JSONObject: { input: 'Record<string, unknown>', output: 'Record<string, unknown>' },
    NonNegativeInt: 'number',
    URL: { input: 'URL', output: 'string' },
    Upload: '../upload#UploadedFile',
    ID: 'string',
  },
  // The values the code and the database use for each GraphQL enum value. (Not for enums
  // in default values: graphql-tools would leave those defaults as the GraphQL names.)
  enumValues: {
    Role: { WAREHOUSE: 'warehouse', MERCHANDISER: 'merchandiser', ADMIN: 'admin' },
    JobStatus: { RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed' },
    JobKind: { REINDEX: 'reindex' },
    MatchFeedbackKind: { CONFIRMED: 'confirmed', NEW_ITEM: 'new_item' },
  },
  mappers: {
    CatalogueItem: '../catalogue/types#CatalogueItem',
    StudioImage: '../catalogue/types#StudioImageInfo',
    CatalogueItemConnection: '../catalogue/catalogue-service#ItemPage',
    Match: '../catalogue/catalogue-service#ItemMatch',
    ApiKey: '../auth/roles#ApiKeyInfo',
    Viewer: '../auth/roles#ApiKeyInfo',
    Job: '../jobs/types#Job',
    MatchResult: '../matching/match-service#SnapshotMatch',
    IndexStatus: '../matching/index-status#IndexStatus',
    KeptMatch: '../feedback/feedback-service#KeptMatch',
    KeptMatchRecord: '../feedback/feedback-service#KeptMatchExport',
    KeptMatchRecordPage: '../feedback/export#KeptMatchPage',
    FeedbackEvaluation: '../feedback/evaluation#FeedbackEvaluation',
    FeedbackCalibration: '../feedback/feedback-calibration#FeedbackCalibration',
    VerdictFigures: '../matching/verdict-fit#VerdictFigures',
  },
};

async function generate() {
  const source = fs.readFileSync(schemaFile, 'utf8');
  const output = await codegen({
    filename: outFile,
    schema: parse(source),
    schemaAst: buildSchema(source),
    documents: [],
    config,
    plugins: [{ typescript: {} }, { typescriptResolvers: {} }],
    pluginMap: { typescript, typescriptResolvers },
  });
  return `// Generated from schema.graphql by scripts/graphql-codegen.js (npm run codegen). Do not edit.\n${output}`;
}

generate().then(
  (text) => {
    if (process.argv.includes('--check')) {
      const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
      if (current !== text) {
        console.error(`${path.relative(root, outFile)} is not what schema.graphql gives: run \`npm run codegen\` and commit it`);
        process.exit(1);
      }
      return;
    }
    fs.writeFileSync(outFile, text);
    console.log(`wrote ${path.relative(root, outFile)}`);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
