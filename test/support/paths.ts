// Where the integration tests find the bundles that test/support/globalSetup.ts built.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// import.meta.dirname is not set under jest's VM modules; derive it from the URL.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const testBuildDir = path.join(repoRoot, '.test-build');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const scripts = {
  loadgen: path.join(testBuildDir, 'loadgen.mjs'),
  server: path.join(testBuildDir, 'server.mjs'),
  cli: path.join(testBuildDir, 'cli.js'),
  main: path.join(testBuildDir, 'main.js'),
  post: path.join(testBuildDir, 'post.js'),
};
