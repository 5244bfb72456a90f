// The edge cases of the windowed CPU and memory: a container that starts inside the window, one
// that exits before a sample after it, one whose counter restarts, and the memory peak rules.
import { describe, expect, it } from '@jest/globals';
import type { AttributionTarget } from '../../src/metrics/attribution.js';
import { parseKubeletSummary } from '../../src/metrics/kubeletSummary.js';
import { resourcesInWindow, type SummarySample } from '../../src/metrics/summaryWindow.js';
import { summaryAt, type FakePodLoad } from '../support/kubeletFixtures.js';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const s = (seconds: number): number => T0 + seconds * 1000;

const target: AttributionTarget = {
  namespace: 'bench',
  pod: 'gen',
  node: 'w1',
  component: 'client',
  containers: { 'istio-proxy': 'client-proxy' },
};

function gen(startedAt: number, cores: number, workingSetBytes = 100 * 1024 * 1024): FakePodLoad {
  return {
    namespace: 'bench',
    name: 'gen',
    startedAtMs: startedAt,
    containers: {
      loadgen: { cores, workingSetBytes },
      'istio-proxy': { cores: cores / 2, workingSetBytes: workingSetBytes / 2 },
    },
  };
}

function sample(atSeconds: number, pods: FakePodLoad[]): SummarySample {
  return {
    node: 'w1',
    receivedAtMs: s(atSeconds) + 200,
    summary: parseKubeletSummary(summaryAt('w1', pods, s(atSeconds))),
  };
}

describe('resourcesInWindow', () => {
  it('splits a pod between its app container and its proxy', () => {
    const samples = [0, 10, 20, 30].map((t) => sample(t, [gen(s(-60), 0.4)]));
    const { resources, faults } = resourcesInWindow(samples, [target], {
      startMs: s(5),
      endMs: s(25),
    });
    expect(faults).toEqual([]);
    expect(resources).toEqual({
      client: { cpuCores: 0.4, cpuSeconds: 8, memoryMiBPeak: 100 },
      'client-proxy': { cpuCores: 0.2, cpuSeconds: 4, memoryMiBPeak: 50 },
    });
  });

  it('counts a container from its start when it started inside the window', () => {
    // Started at 12 s, first collected at 20 s: its counter was 0 at its start.
    const samples = [sample(0, []), sample(20, [gen(s(12), 0.5)]), sample(30, [gen(s(12), 0.5)])];
    const { resources, faults } = resourcesInWindow(samples, [target], {
      startMs: s(5),
      endMs: s(30),
    });
    expect(faults).toEqual([]);
    expect(resources.client?.cpuSeconds).toBeCloseTo(0.5 * 18, 3);
  });

  it('counts an exited container up to its last sample, with a note', () => {
    const samples = [sample(0, [gen(s(-5), 1)]), sample(10, [gen(s(-5), 1)]), sample(20, [])];
    const { resources, faults, notes } = resourcesInWindow(samples, [target], {
      startMs: s(2),
      endMs: s(14),
    });
    expect(faults).toEqual([]);
    // From 2 s to its last collection (10.5 s): 8.5 s of one core; what came after is unknown.
    expect(resources.client?.cpuSeconds).toBeCloseTo(8.5, 3);
    expect(notes).toEqual([
      'container bench/gen/loadgen exited before the kubelet sampled it after the window; its CPU is counted up to its last sample',
      'container bench/gen/istio-proxy exited before the kubelet sampled it after the window; its CPU is counted up to its last sample',
    ]);
  });

  it('is a fault when a running container has no sample after the window', () => {
    const samples = [sample(0, [gen(s(-5), 1)]), sample(10, [gen(s(-5), 1)])];
    const { faults } = resourcesInWindow(samples, [target], { startMs: s(2), endMs: s(14) });
    expect(faults).toEqual([
      'no kubelet stats around the measured window for client container bench/gen/loadgen',
      'no kubelet stats around the measured window for client-proxy container bench/gen/istio-proxy',
    ]);
  });

  it('adds across a counter reset (a restarted container) and says so', () => {
    const before = gen(s(-100), 1);
    const after = gen(s(12), 1);
    const samples = [
      sample(0, [before]),
      sample(10, [before]),
      sample(20, [after]),
      sample(30, [after]),
    ];
    const { resources, notes } = resourcesInWindow(samples, [target], {
      startMs: s(0),
      endMs: s(30),
    });
    // The old run counts to its last collection (10.5 s), the new one from its start (12 s) on:
    // 10.5 + 18 s; the old run's last moments after 10.5 s were never collected.
    expect(resources.client?.cpuSeconds).toBeCloseTo(28.5, 3);
    expect(notes[0]).toBe('container bench/gen/loadgen restarted; its CPU is summed across runs');
  });

  it('takes the highest working set inside the window, or the two around it', () => {
    const mib = 1024 * 1024;
    const samples = [
      sample(0, [gen(s(-60), 0.1, 300 * mib)]),
      sample(10, [gen(s(-60), 0.1, 120 * mib)]),
      sample(20, [gen(s(-60), 0.1, 180 * mib)]),
      sample(30, [gen(s(-60), 0.1, 400 * mib)]),
    ];
    expect(
      resourcesInWindow(samples, [target], { startMs: s(5), endMs: s(25) }).resources.client
        ?.memoryMiBPeak,
    ).toBe(180);
    expect(
      resourcesInWindow(samples, [target], { startMs: s(12), endMs: s(18) }).resources.client
        ?.memoryMiBPeak,
    ).toBe(180);
  });

  it('refuses an empty window', () => {
    expect(resourcesInWindow([], [target], { startMs: s(5), endMs: s(5) }).faults).toEqual([
      'the measured window is empty',
    ]);
  });
});
