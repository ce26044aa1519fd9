// Tests run against real databases and real HTTP; see test/helpers.
/** @type {import('jest').Config} */
module.exports = {
  // onnxruntime-node needs Node's own typed arrays in the test realm (see the file).
  testEnvironment: '<rootDir>/test/helpers/node-realm-environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60_000,
};
