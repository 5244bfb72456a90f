import { describe, expect, it } from '@jest/globals';
import type { MeshId } from '../../src/config/types.js';
import { planTrials } from '../../src/plan/plan.js';

const order = (meshes: readonly MeshId[], reps: number): string[] =>
  planTrials(meshes, reps).map((t) => `${t.mesh}#${t.repetition}`);

describe('planTrials', () => {
  const rows: [MeshId[], number, string[]][] = [
    [['none'], 1, ['none#1']],
    [['none', 'app-mtls'], 1, ['none#1', 'app-mtls#1']],
    [['none', 'app-mtls'], 2, ['none#1', 'app-mtls#1', 'app-mtls#2', 'none#2']],
    [
      ['none', 'app-mtls'],
      3,
      ['none#1', 'app-mtls#1', 'app-mtls#2', 'none#2', 'none#3', 'app-mtls#3'],
    ],
    [
      ['none', 'app-mtls', 'istio'],
      2,
      ['none#1', 'app-mtls#1', 'istio#1', 'istio#2', 'app-mtls#2', 'none#2'],
    ],
  ];
  it.each(rows)('%j x %i repetitions runs in ABBA order', (meshes, reps, expected) => {
    expect(order(meshes, reps)).toEqual(expected);
  });

  it('numbers trials in run order and gives each scenario every repetition once', () => {
    const plan = planTrials(['none', 'app-mtls'], 4);
    expect(plan.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const mesh of ['none', 'app-mtls']) {
      expect(plan.filter((t) => t.mesh === mesh).map((t) => t.repetition)).toEqual([1, 2, 3, 4]);
    }
  });
});
