import { describe, expect, it } from '@jest/globals';
import { comparabilityKey, keyDifferences } from '../../src/results/comparabilityKey.js';
import type { ResultDocument } from '../../src/results/schema.js';
import { sampleDocument } from '../support/documents.js';

function variant(change: (doc: ResultDocument) => void): ResultDocument {
  const doc = structuredClone(sampleDocument());
  change(doc);
  return doc;
}

describe('comparabilityKey', () => {
  const base = sampleDocument();

  it('is stable and filename-safe', () => {
    expect(comparabilityKey(base)).toBe(comparabilityKey(sampleDocument()));
    expect(comparabilityKey(base)).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each<[string, (doc: ResultDocument) => void]>([
    ['repetitions', (d) => (d.load.repetitions = 7)],
    ['mesh versions', (d) => (d.environment.meshVersions = { istio: '1.27.0' })],
    ['kernel', (d) => (d.environment.kernel = 'Linux 6.8.0 x86_64')],
    ['commit', (d) => (d.run.commit = 'def456')],
    ['memory jitter', (d) => (d.environment.memoryGiB = 24.3)],
    ['scenario order', (d) => d.scenarios.reverse()],
    ['an older document without the server (ours answered)', (d) => delete d.load.server],
    ['the engine version', (d) => (d.run.engineVersion = '1.68.2')],
  ])('ignores %s', (_what, change) => {
    const other = variant(change);
    expect(comparabilityKey(other)).toBe(comparabilityKey(base));
    expect(keyDifferences(base, other)).toEqual([]);
  });

  it.each<[string, (doc: ResultDocument) => void, string]>([
    ['rps', (d) => (d.load.rps = 3200), 'rps: 300 (baseline) vs 3200 (current)'],
    [
      'placement',
      (d) => (d.load.placement = 'cross-node'),
      'placement: same-node (baseline) vs cross-node (current)',
    ],
    ['engine', (d) => (d.run.engine = 'fortio'), 'engine: builtin (baseline) vs fortio (current)'],
    ['server', (d) => (d.load.server = 'fortio'), 'server: builtin (baseline) vs fortio (current)'],
    ['cpus', (d) => (d.environment.cpus = 4), 'cpus: 2 (baseline) vs 4 (current)'],
    [
      'scenarios',
      (d) => d.scenarios.pop(),
      'scenarios: app-mtls,none (baseline) vs none (current)',
    ],
  ])('tells a different %s apart and says how', (_what, change, difference) => {
    const other = variant(change);
    expect(comparabilityKey(other)).not.toBe(comparabilityKey(base));
    expect(keyDifferences(base, other)).toEqual([difference]);
  });
});
