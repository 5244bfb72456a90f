import { describe, expect, it } from '@jest/globals';
import { configHash } from '../../src/results/configHash.js';
import { resultDocumentSchema } from '../../src/results/schema.js';
import { sampleDocument, testConfig } from '../support/documents.js';

describe('buildDocument', () => {
  it('produces a document that validates against the mesh-perf/v1 schema', () => {
    const document = sampleDocument();
    expect(resultDocumentSchema.parse(JSON.parse(JSON.stringify(document)))).toEqual(document);
    expect(document.schema).toBe('mesh-perf/v1');
    expect(document.load).toEqual({
      rps: 300,
      connections: 30,
      durationSeconds: 5,
      warmupSeconds: 1,
      repetitions: 2,
      serverDelayMs: 10,
      payloadBytes: 0,
      protocol: 'http/1.1',
      placement: 'same-node',
      server: 'builtin',
    });
  });

  it('gives every scenario its overhead over none, none itself zero', () => {
    const [none, app] = sampleDocument().scenarios;
    expect(none?.overheadVsNone?.latencyPct.p99).toBe(0);
    expect(app?.overheadVsNone?.latencyPct.p50).toBeGreaterThan(0);
    expect(app?.overheadVsNone?.cpuPct.client).toBe(50);
  });

  it('sorts each scenario`s trials into run order', () => {
    const doc = sampleDocument();
    for (const s of doc.scenarios) {
      const indexes = s.trials.map((t) => t.index);
      expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    }
  });
});

describe('configHash', () => {
  it('ignores what does not change comparability (repetitions, output path)', () => {
    expect(configHash({ ...testConfig, repetitions: 9, out: 'x.json' })).toBe(
      configHash(testConfig),
    );
    expect(configHash({ ...testConfig, meshes: ['app-mtls', 'none'] })).toBe(
      configHash(testConfig),
    );
  });

  it('changes with the load profile', () => {
    expect(configHash({ ...testConfig, rps: 301 })).not.toBe(configHash(testConfig));
    expect(configHash({ ...testConfig, serverDelayMs: 11 })).not.toBe(configHash(testConfig));
    expect(configHash({ ...testConfig, server: 'fortio' })).not.toBe(configHash(testConfig));
    expect(configHash(testConfig)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
