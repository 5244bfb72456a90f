// The comparability key: two runs compare only when what they measured was set up the same way
// (provider, load profile, scenarios), not how often it was repeated or where the file went.
import { createHash } from 'node:crypto';
import type { Config } from '../config/types.js';

export function comparableSettings(config: Config): Record<string, unknown> {
  return {
    provider: config.provider,
    meshes: [...config.meshes].sort(),
    rps: config.rps,
    connections: config.connections,
    durationMs: config.durationMs,
    warmupMs: config.warmupMs,
    serverDelayMs: config.serverDelayMs,
    payloadBytes: config.payloadBytes,
    engine: config.engine,
    server: config.server,
    placement: config.placement,
    protocol: 'http/1.1',
  };
}

export function configHash(config: Config): string {
  const canonical = JSON.stringify(comparableSettings(config));
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
