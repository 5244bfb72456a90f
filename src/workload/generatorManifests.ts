// Load-generator pods, one per share of the load: the builtin engine (dist/loadgen.mjs in the stock
// Node image, its LoadSpec as the one argument, as src/load/localLoadgen.ts runs it) or fortio with
// the arguments the caller built. restartPolicy Never: a generator that died is a failed trial.
import type { KubeObject } from '../cluster/steps.js';
import { checkLoadSpec } from '../load/builtin/loadSpecJson.js';
import { autoWorkers } from '../load/builtin/schedule.js';
import type { LoadSpec } from '../load/types.js';
import {
  containerSecurity,
  guaranteed,
  placementAffinity,
  podFiles,
  podSecurity,
  resourcesFor,
  tlsPath,
} from './podParts.js';
import { serverUrl } from './serverManifests.js';
import type { LoadShare } from './splitLoad.js';
import { serviceAccountName } from './supportManifests.js';
import {
  commonLabels,
  cpuCores,
  FORTIO_IMAGE,
  GENERATOR_CONTAINER,
  LABELS,
  NODE_IMAGE,
  roleSelector,
  SCRIPTS_DIR,
  SERVER_NAME,
} from './workloadNames.js';
import type { WorkloadPlan } from './workloadPlan.js';

export interface GeneratorTrial {
  /** The trial's position in the run; names and labels the pods. */
  trialIndex: number;
  shares: readonly LoadShare[];
  durationMs: number;
  warmupMs: number;
  requestTimeoutMs: number;
  /** Epoch ms at which every builtin generator starts, so their windows line up. */
  startAtMs: number;
  /** How long a builtin generator idles after its result, for one more kubelet sample. */
  lingerMs: number;
  /** fortio: the arguments after the image's entrypoint, per share (the caller's argv builder). */
  fortioArgs?: (share: LoadShare) => string[];
}

/**
 * Runs in `node -e` before the load generator: waits for the common start time, runs the bundle
 * as a child (same container, so its CPU is the container's), then stays idle for the linger time
 * and exits with the generator's code. PID 1 gets no default signal handling, hence the handler.
 */
export const START_GATE_SCRIPT = [
  'const [at, linger, script, spec] = process.argv.slice(1);',
  "const { spawn } = require('node:child_process');",
  'let child; let code = null;',
  "process.on('SIGTERM', () => { if (child && code === null) child.kill('SIGTERM'); else process.exit(code ?? 143); });",
  'const wait = Math.max(0, Number(at) - Date.now());',
  'process.stderr.write(`start gate: starting in ${wait} ms\\n`);',
  'setTimeout(() => {',
  "  child = spawn(process.execPath, [script, spec], { stdio: 'inherit' });",
  "  child.on('exit', (c, s) => { code = c ?? (s ? 128 : 1); setTimeout(() => process.exit(code), Number(linger)); });",
  '}, wait);',
].join('\n');

export function generatorPodName(trialIndex: number, index: number): string {
  return `mesh-perf-gen-t${trialIndex}-${index}`;
}

/** The trial's generator pods, as a label selector. */
export function trialSelector(runId: string, trialIndex: number): Record<string, string> {
  return { ...roleSelector(runId, 'client'), [LABELS.trial]: String(trialIndex) };
}

/** One generator's LoadSpec; checked here so a bad one fails before any pod starts. */
export function generatorLoadSpec(
  plan: WorkloadPlan,
  trial: GeneratorTrial,
  share: LoadShare,
): LoadSpec {
  const cores = cpuCores(resourcesFor(plan, 'client').cpu);
  const spec: LoadSpec = {
    url: serverUrl(plan),
    rps: share.rps,
    connections: share.connections,
    durationMs: trial.durationMs,
    warmupMs: trial.warmupMs,
    requestTimeoutMs: trial.requestTimeoutMs,
    workers: autoWorkers(share.rps, Math.max(1, cores), share.connections),
  };
  if (plan.tls) {
    spec.tls = {
      caFile: tlsPath('ca.pem'),
      certFile: tlsPath('cert.pem'),
      keyFile: tlsPath('key.pem'),
      serverName: `${SERVER_NAME}.${plan.namespace}.svc`,
    };
  }
  return checkLoadSpec(spec);
}

function generatorContainer(
  plan: WorkloadPlan,
  trial: GeneratorTrial,
  share: LoadShare,
): Record<string, unknown> {
  const common = {
    name: GENERATOR_CONTAINER,
    resources: guaranteed(resourcesFor(plan, 'client')),
    securityContext: containerSecurity(),
    volumeMounts: podFiles(plan, 'client').mounts,
    imagePullPolicy: 'IfNotPresent',
  };
  if (plan.engine === 'fortio') {
    if (!trial.fortioArgs) throw new Error('fortio generators need their arguments');
    return { ...common, image: plan.images?.fortio ?? FORTIO_IMAGE, args: trial.fortioArgs(share) };
  }
  return {
    ...common,
    image: plan.images?.node ?? NODE_IMAGE,
    command: [
      'node',
      '-e',
      START_GATE_SCRIPT,
      '--',
      String(Math.round(trial.startAtMs)),
      String(Math.round(trial.lingerMs)),
      `${SCRIPTS_DIR}/loadgen.mjs`,
      JSON.stringify(generatorLoadSpec(plan, trial, share)),
    ],
  };
}

export function generatorPods(plan: WorkloadPlan, trial: GeneratorTrial): KubeObject[] {
  return trial.shares.map((share) => {
    const labels = {
      ...commonLabels(plan.runId),
      ...trialSelector(plan.runId, trial.trialIndex),
      [LABELS.name]: 'mesh-perf-client',
      [LABELS.generator]: String(share.index),
    };
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: generatorPodName(trial.trialIndex, share.index),
        namespace: plan.namespace,
        labels,
        ...(plan.generatorAnnotations && Object.keys(plan.generatorAnnotations).length > 0
          ? { annotations: { ...plan.generatorAnnotations } }
          : {}),
      },
      spec: {
        restartPolicy: 'Never',
        serviceAccountName: serviceAccountName('client'),
        automountServiceAccountToken: false,
        securityContext: podSecurity(),
        affinity: placementAffinity(plan.placement, plan.runId),
        // The generator prints its result on SIGTERM within a moment.
        terminationGracePeriodSeconds: 5,
        containers: [generatorContainer(plan, trial, share)],
        volumes: podFiles(plan, 'client').volumes,
      },
    };
  });
}
