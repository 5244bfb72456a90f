// Runs one trial's load-generator pods: creates them, polls them (bounded) until each generator has
// printed its result or ended, reads the results from the pod logs, and reports as faults every
// generator that restarted, failed, never ran or printed no result. Completion is read from the
// generator container, not the pod phase: an injected classic sidecar keeps a finished pod Running.
import type { KubeObject } from '../cluster/steps.js';
import { messageOf } from '../errors.js';
import type { ContainerInfo, KubeApi, PodInfo } from '../kube/kubeApi.js';
import type { EngineTrial } from '../load/types.js';

export interface GeneratorRun {
  namespace: string;
  /** The pods to create (generatorPods()). */
  pods: readonly KubeObject[];
  /** Selects exactly these pods (the trial's label selector). */
  selector: string;
  /** The generator's container in each pod. */
  container: string;
  /** Reads a generator's result from its log: parseLoadgenLog for builtin; fortio's parser. */
  parseResult: (log: string) => EngineTrial | undefined;
  /** When the results are due (epoch ms): start, warm-up, measured window and drain. */
  expectedEndMs: number;
  /** How long past expectedEndMs to keep waiting before giving up on a generator. */
  graceMs: number;
  pollIntervalMs?: number;
  /** Called once, when every generator is on a node and running: start sampling here. */
  onRunning?: (pods: readonly PodInfo[]) => void | Promise<void>;
  /**
   * Faults a generator's log shows beside its result (fortio's "falling behind" warning on its
   * stderr), by the pod's position in `pods`.
   */
  logFaults?: (log: string, podIndex: number) => string[];
  /** Aborting stops waiting for the generators (Ctrl-C); what was read so far is returned. */
  signal?: AbortSignal;
}

export interface GeneratorRunOutcome {
  /** The results that were read, in pod order. */
  engineTrials: EngineTrial[];
  faults: string[];
  /** The generator pods as last seen. */
  pods: PodInfo[];
}

function generatorOf(pod: PodInfo | undefined, container: string): ContainerInfo | undefined {
  return pod?.containers.find((c) => c.name === container);
}

function describePod(pod: PodInfo | undefined, container: string): string {
  if (!pod) return 'it does not exist';
  if (pod.nodeName === null) return 'it was never scheduled (is the placement possible?)';
  const state = generatorOf(pod, container)?.state;
  if (state?.kind === 'waiting') return `phase ${pod.phase}, waiting: ${state.reason ?? 'unknown'}`;
  return `phase ${pod.phase}`;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export async function runGeneratorPods(
  kube: KubeApi,
  run: GeneratorRun,
): Promise<GeneratorRunOutcome> {
  const names = run.pods.map((p) => p.metadata.name);
  const pollMs = run.pollIntervalMs ?? 1000;
  const faults: string[] = [];
  const results = new Map<string, EngineTrial>();
  const restarted = new Set<string>();
  let latest = new Map<string, PodInfo>();
  let announced = false;
  let listFailure: string | undefined;

  await kube.apply(run.pods);
  const deadline = run.expectedEndMs + run.graceMs;
  const readResult = async (pod: PodInfo): Promise<void> => {
    try {
      const log = await kube.podLogs(run.namespace, pod.name, run.container);
      const engine = run.parseResult(log);
      if (!engine) return;
      results.set(pod.name, engine);
      const seen = run.logFaults?.(log, names.indexOf(pod.name)) ?? [];
      faults.push(...seen.map((fault) => `load generator ${pod.name}: ${fault}`));
    } catch {
      // Not readable yet (the container has not started): the next poll tries again.
    }
  };

  // Bounded by the deadline and, as a backstop, by a count of polls.
  const maxPolls = Math.ceil((deadline - Date.now()) / pollMs) + 2;
  for (let poll = 0; poll < maxPolls && Date.now() <= deadline; poll++) {
    if (run.signal?.aborted) break;
    try {
      latest = new Map((await kube.listPods(run.namespace, run.selector)).map((p) => [p.name, p]));
      listFailure = undefined;
    } catch (error) {
      // A blip of the API server should not end the trial; one that lasts shows in the fault.
      listFailure = messageOf(error);
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
      continue;
    }
    const pods = names.map((n) => latest.get(n));
    for (const pod of pods) {
      if (pod && (generatorOf(pod, run.container)?.restarts ?? 0) > 0) restarted.add(pod.name);
    }
    const running = pods.every(
      (p) =>
        p?.nodeName != null &&
        generatorOf(p, run.container)?.state?.kind !== 'waiting' &&
        generatorOf(p, run.container)?.state !== undefined,
    );
    if (running && !announced) {
      announced = true;
      await run.onRunning?.(pods.filter((p): p is PodInfo => p !== undefined));
    }
    const pending = pods.filter((p): p is PodInfo => p !== undefined && !results.has(p.name));
    const ended = (p: PodInfo): boolean =>
      p.phase === 'Failed' || generatorOf(p, run.container)?.state?.kind === 'terminated';
    // A lingering builtin generator has printed its result before it ends; look once it is due.
    for (const pod of pending) {
      if (ended(pod) || Date.now() >= run.expectedEndMs) await readResult(pod);
    }
    if (pods.every((p) => p !== undefined && (results.has(p.name) || ended(p)))) break;
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
  }

  for (const name of names) {
    const pod = latest.get(name);
    const state = generatorOf(pod, run.container)?.state;
    if (restarted.has(name)) faults.push(`load generator ${name} restarted during the trial`);
    if (state?.kind === 'terminated' && state.exitCode !== 0) {
      faults.push(
        `load generator ${name} exited with code ${state.exitCode}${state.reason ? ` (${state.reason})` : ''}`,
      );
    }
    if (!results.has(name)) {
      const ended = pod?.phase === 'Failed' || state?.kind === 'terminated';
      if (ended && pod) await readResult(pod);
      if (!results.has(name)) {
        faults.push(
          ended
            ? `load generator ${name} printed no result`
            : run.signal?.aborted
              ? `load generator ${name} was stopped before it finished`
              : `load generator ${name} did not finish in time: ${listFailure ?? describePod(pod, run.container)}`,
        );
      }
    }
  }
  const engineTrials = names.flatMap((n) => {
    const engine = results.get(n);
    return engine ? [engine] : [];
  });
  return { engineTrials, faults, pods: names.flatMap((n) => latest.get(n) ?? []) };
}

/** Removes a trial's generator pods; what cannot be removed is reported, not thrown. */
export async function deleteGeneratorPods(
  kube: KubeApi,
  pods: readonly KubeObject[],
): Promise<string[]> {
  try {
    await kube.deleteObjects(pods);
    return [];
  } catch (error) {
    return [`could not delete the load generator pods: ${messageOf(error)}`];
  }
}
