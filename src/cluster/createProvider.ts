// Picks the provider for a configuration: local processes, or a kind, GKE or existing cluster.
// Creating one starts, downloads and changes nothing, so `--dry-run` can describe it safely.
import type { Config } from '../config/types.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { execFileRunner, type ProcessRunner } from '../process/processRunner.js';
import { ClusterProvider } from './clusterProvider.js';
import { LocalProvider, type LocalScripts } from './localProvider.js';
import { meshCatalog } from './meshCatalog.js';
import type { BenchmarkProvider } from './provider.js';

export interface ProviderDeps {
  /** The run's id: names a cluster's resources and is the result document's run id. */
  runId: string;
  runner?: ProcessRunner;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export function createProvider(
  config: Config,
  scripts: LocalScripts,
  cleanup: Cleanup,
  deps: ProviderDeps,
): BenchmarkProvider {
  const runner = deps.runner ?? execFileRunner;
  const env = deps.env ?? process.env;
  switch (config.provider) {
    case 'local':
      return new LocalProvider(config, scripts, cleanup, { env, runner });
    case 'kind':
    case 'gke':
    case 'existing':
      return new ClusterProvider(config, cleanup, {
        runId: deps.runId,
        runner,
        env,
        log: deps.log ?? (() => {}),
        meshes: meshCatalog(config, config.provider),
        scripts,
      });
  }
}
