// The dry run of a cluster run: the same plan the provider executes, printed in the order it runs
// (tools, cluster, mesh installs, each scenario's namespace, enforcement and parked workload, what
// happens before and during each trial, teardown), commands with their argv, manifests with
// Secret values redacted and the bundled scripts shown by size and hash.
import type { Platform } from '../tools/platform.js';
import { redactForDisplay } from '../workload/deployWorkload.js';
import { describeClusterTrial, type TrialLoad } from '../workload/trialPlan.js';
import { describeToolNeed } from './clusterTools.js';
import type { ClusterRunPlan, ScenarioPlan } from './clusterRunPlan.js';
import { uninstallOrder } from './meshInstalls.js';
import { parkedObjects } from './scenarioWorkloads.js';
import { formatStep, type KubeObject, type Step } from './steps.js';

export interface DescribeOptions {
  platform: Platform | null;
  /** The first trial's load, as the trial loop builds it. */
  firstTrial: (scenario: ScenarioPlan) => TrialLoad;
  /** Objects a scenario applies besides its workload (e.g. the app-mtls verification Secret). */
  extraObjects: (scenario: ScenarioPlan) => KubeObject[];
  deployTimeoutMs: number;
  parkTimeoutMs: number;
}

const list = (entries: Readonly<Record<string, string>>): string =>
  Object.entries(entries)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');

function enrollment(scenario: ScenarioPlan): string {
  const { namespaceLabels: labels, namespaceAnnotations: annotations } = scenario.meshPlan;
  const parts = [
    ...(Object.keys(labels).length > 0 ? [`labels ${list(labels)}`] : []),
    ...(Object.keys(annotations).length > 0 ? [`annotations ${list(annotations)}`] : []),
  ];
  if (parts.length > 0) return `enrolled by ${parts.join('; ')}`;
  return scenario.mesh === 'none' || scenario.mesh === 'app-mtls'
    ? 'not enrolled in any mesh'
    : 'no enrollment: the install above covers every pod of the cluster';
}

/** The scenario's set-up as three apply steps: namespace, enforcement, the parked workload. */
export function scenarioSetUpSteps(scenario: ScenarioPlan, extra: KubeObject[]): Step[] {
  const [namespace, ...rest] = parkedObjects(scenario.workload);
  const enforce = rest.slice(0, scenario.meshPlan.enforce.length);
  const workload = [...rest.slice(scenario.meshPlan.enforce.length), ...extra];
  const steps: Step[] = [];
  if (namespace) {
    steps.push({
      kind: 'apply',
      title: `create namespace ${scenario.namespace} for ${scenario.mesh}, ${enrollment(scenario)}`,
      objects: [namespace],
    });
  }
  if (enforce.length > 0) {
    steps.push({
      kind: 'apply',
      title: `enforce mTLS for ${scenario.mesh} in ${scenario.namespace} (before any server exists)`,
      objects: enforce,
    });
  }
  steps.push({
    kind: 'apply',
    title: `create the ${scenario.mesh} workload, parked: server and probe at 0 replicas until its trials`,
    objects: workload.map(redactForDisplay),
  });
  return steps;
}

function attributionLine(scenario: ScenarioPlan): string {
  const { proxyContainers, meshPods } = scenario.meshPlan.attribution;
  const parts = [
    'generator containers -> client, server container -> server',
    ...(proxyContainers.length > 0
      ? [`${proxyContainers.join(', ')} in them -> client-proxy / server-proxy`]
      : []),
    ...meshPods.map(
      (s) =>
        `pods ${s.labelSelector} in ${s.namespace}${s.component === 'node-agent' ? " on the client's and server's nodes" : ''} -> ${s.component}`,
    ),
  ];
  return `${scenario.mesh}: ${parts.join('; ')}`;
}

export function describeClusterRun(plan: ClusterRunPlan, options: DescribeOptions): string[] {
  const lines: string[] = [];
  const provider = plan.settings.provider;
  lines.push(
    ...plan.warnings.map((warning) => `WARNING: ${warning}`),
    ...plan.tools.map((need) => `tool: ${describeToolNeed(need, options.platform)}`),
  );
  if (plan.cluster.down.length > 0) {
    lines.push(
      `register the teardown before the first step, so a half-created cluster is removed too: ${plan.cluster.down.map((s) => s.title).join('; ')}`,
    );
  }
  lines.push(...plan.cluster.up.map(formatStep));
  for (const install of plan.installs) {
    const keep =
      provider === 'existing'
        ? ` (an existing cluster where ${install.presence.map((s) => `${s.labelSelector} in ${s.namespace}`).join(' and ')} already run keeps its own: nothing is installed or removed)`
        : '';
    lines.push(`install for ${install.meshes.join(' and ')}${keep}:`);
    lines.push(...install.install.map(formatStep));
  }
  for (const scenario of plan.scenarios) {
    lines.push(...scenarioSetUpSteps(scenario, options.extraObjects(scenario)).map(formatStep));
  }
  lines.push(
    `before each trial, switch to its scenario: park the previous one (server and probe to 0 replicas, wait at most ${Math.round(options.parkTimeoutMs / 1000)} s until its pods are gone), scale this one to 1 and wait at most ${Math.round(options.deployTimeoutMs / 1000)} s until its server and probe are Available`,
  );
  for (const scenario of plan.scenarios) {
    lines.push(`before each ${scenario.mesh} trial: ${formatStep(scenario.meshPlan.verifyStep)}`);
  }
  const [first] = plan.scenarios;
  if (first) {
    lines.push(formatStep(describeClusterTrial(first.workload, options.firstTrial(first))));
  }
  lines.push(
    [
      'during each trial: read the kubelet Summary of every node that hosts an attributed pod once a second, and charge each container to a component:',
      ...plan.scenarios.map((scenario) => `  ${attributionLine(scenario)}`),
    ].join('\n'),
  );
  lines.push(...teardownLines(plan), 'remove the private directory (kubeconfig, run certificates)');
  return lines;
}

function teardownLines(plan: ClusterRunPlan): string[] {
  const when = 'at the end (also after a failure, on Ctrl-C, and in the post step of a killed job)';
  if (plan.settings.provider !== 'existing') {
    return [`${when}: ${plan.cluster.down.map(formatStep).join('\n')}`];
  }
  return [
    `${when}: delete namespace(s) ${plan.scenarios.map((s) => s.namespace).join(', ')} and wait until they are gone`,
    ...uninstallOrder(plan.installs).flatMap((install) =>
      install.uninstall.map((step) => `${when}, if this run installed it: ${formatStep(step)}`),
    ),
  ];
}
