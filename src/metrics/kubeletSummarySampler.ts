// Samples the kubelet Summary API of every node that hosts an attributed pod, once a second through
// the API server's node proxy, during a trial; then, once every container has been sampled past the
// measured window, attributes CPU and memory per component over that window.
import type { KubeApi } from '../kube/kubeApi.js';
import { messageOf } from '../errors.js';
import { nodesToSample, type AttributionTarget } from './attribution.js';
import { parseKubeletSummary } from './kubeletSummary.js';
import {
  resourcesInWindow,
  type SummarySample,
  type Window,
  type WindowResources,
} from './summaryWindow.js';

export interface SamplerOptions {
  /** Between the starts of two rounds of requests (default 1000 ms: at least once a second). */
  intervalMs?: number;
}

export interface KubeletSummarySampler {
  readonly targets: readonly AttributionTarget[];
  readonly nodes: readonly string[];
  readonly intervalMs: number;
  samples(): readonly SummarySample[];
  /** Per node: failed reads and the last reason, for the trial's faults. */
  failures(): ReadonlyMap<string, { count: number; last: string }>;
  stop(): Promise<void>;
}

export function startKubeletSummarySampler(
  kube: Pick<KubeApi, 'nodeStatsSummary'>,
  targets: readonly AttributionTarget[],
  options: SamplerOptions = {},
): KubeletSummarySampler {
  const intervalMs = options.intervalMs ?? 1000;
  const nodes = nodesToSample(targets);
  const samples: SummarySample[] = [];
  const failures = new Map<string, { count: number; last: string }>();
  let stopped = false;
  // A call, so the loop reads the flag stop() sets while it awaits.
  const isStopped = (): boolean => stopped;
  let wake: (() => void) | undefined;

  const sampleNode = async (node: string): Promise<void> => {
    try {
      const summary = parseKubeletSummary(await kube.nodeStatsSummary(node));
      samples.push({ node, receivedAtMs: Date.now(), summary });
    } catch (error) {
      const failure = failures.get(node) ?? { count: 0, last: '' };
      failure.count += 1;
      failure.last = messageOf(error);
      failures.set(node, failure);
    }
  };

  // One round at a time: a slow API server stretches the interval instead of piling up requests.
  const loop = (async () => {
    while (!isStopped()) {
      const started = Date.now();
      await Promise.all(nodes.map(sampleNode));
      const left = started + intervalMs - Date.now();
      if (left > 0 && !isStopped()) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, left);
        });
      }
    }
  })();

  return {
    targets,
    nodes,
    intervalMs,
    samples: () => samples,
    failures: () => failures,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/** Whether every node was read after the window and every live container collected past it. */
export function settledAfter(
  samples: readonly SummarySample[],
  targets: readonly AttributionTarget[],
  nodes: readonly string[],
  window: Window,
): boolean {
  return nodes.every((node) => {
    const latest = samples.filter((s) => s.node === node).at(-1);
    if (!latest || latest.receivedAtMs < window.endMs) return false;
    return targets
      .filter((t) => t.node === node)
      .every((t) =>
        latest.summary.containers
          .filter((c) => c.namespace === t.namespace && c.pod === t.pod)
          .every((c) => c.cpu !== null && c.cpu.atMs >= window.endMs),
      );
  });
}

export interface CollectOptions {
  /** Longest wait for stats collected after the window (the kubelet's refresh is 10-15 s). */
  settleTimeoutMs?: number;
}

/**
 * Waits (bounded) until the kubelets have collected every container after the window's end, so
 * the end can be interpolated rather than guessed, then stops the sampler and attributes.
 */
export async function collectResources(
  sampler: KubeletSummarySampler,
  window: Window,
  options: CollectOptions = {},
): Promise<WindowResources> {
  const deadline = Date.now() + (options.settleTimeoutMs ?? 30_000);
  while (
    Date.now() < deadline &&
    !settledAfter(sampler.samples(), sampler.targets, sampler.nodes, window)
  ) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(sampler.intervalMs, 250)));
  }
  await sampler.stop();
  const outcome = resourcesInWindow(sampler.samples(), sampler.targets, window);
  for (const [node, failure] of sampler.failures()) {
    const read = sampler.samples().some((s) => s.node === node);
    const line = `the kubelet Summary of node ${node} failed ${failure.count} time(s): ${failure.last}`;
    if (read) outcome.notes.push(line);
    else outcome.faults.push(line);
  }
  return outcome;
}
