// @actions/core 3.x and @actions/github 9.x are ESM only, so tests run as native ESM
// (node --experimental-vm-modules) with ts-jest's ESM preset; type checking is left to `tsc`.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  reporters: ['default', '<rootDir>/test/support/summaryReporter.cjs'],
  testTimeout: 60000,
  maxWorkers: 1,
};
