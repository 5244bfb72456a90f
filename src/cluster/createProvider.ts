// Picks the provider for a configuration. Cluster providers plug in here.
import type { Config } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { LocalProvider, type LocalScripts } from './localProvider.js';
import type { BenchmarkProvider } from './provider.js';

export function createProvider(
  config: Config,
  scripts: LocalScripts,
  cleanup: Cleanup,
): BenchmarkProvider {
  switch (config.provider) {
    case 'local':
      return new LocalProvider(config, scripts, cleanup);
    case 'kind':
    case 'gke':
    case 'existing':
      throw new ConfigError(
        `provider: "${config.provider}" is not available in this version; allowed: local`,
      );
  }
}
