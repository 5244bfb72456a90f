// The cluster providers (kind, gke, existing) composed from their parts: pinned CLIs, the cluster
// brought up (teardown registered first), the Kubernetes API, the mesh installs in order, one
// parked namespace per scenario, then per trial: switch to the scenario, verify mTLS on the
// measured path, run the generator pods while the kubelets are sampled. Everything it creates is
// registered on the Cleanup, so it is removed on success, error, Ctrl-C and by the post step.
import type { Config, MeshId } from '../config/types.js';
import { InfraError, messageOf } from '../errors.js';
import type { KubeApi, NodeInfo } from '../kube/kubeApi.js';
import type { Cleanup } from '../lifecycle/cleanup.js';
import { FORTIO_VERSION } from '../load/fortio/fortioArgs.js';
import type { LoadProgress } from '../load/types.js';
import type { PlannedTrial } from '../plan/plan.js';
import type { Environment, MeshConfig, Mtls } from '../results/schema.js';
import { VERSION } from '../version.js';
import { runClusterTrial } from '../workload/clusterTrial.js';
import { clusterTrialSpec } from '../workload/trialPlan.js';
import { apiStepRunner } from './apiSteps.js';
import { createPrivateDir, withClusterEnv, writeAccessFiles } from './clusterAccess.js';
import { clusterRunEnvironment, recordedMeshConfig } from './clusterFindings.js';
import { createRunMaterial, placeholderMaterial } from './appMtlsMaterial.js';
import {
  resolveDeps,
  type ClusterProviderDeps,
  type ClusterTimings,
  type ResolvedDeps,
  type ScenarioState,
} from './clusterProviderDeps.js';
import { planClusterRun, type ClusterRunPlan } from './clusterRunPlan.js';
import { bringUpCluster, type StepDeps } from './clusterSteps.js';
import { clusterTrialLoad, readBundles, timedTrialSpec } from './clusterTrialLoad.js';
import { describeClusterRun } from './describeClusterRun.js';
import { installMeshes } from './meshSetUp.js';
import { NOT_APPLICABLE_MTLS, type BenchmarkProvider, type TrialOutcome } from './provider.js';
import { parkedObjects, ScenarioSwitch } from './scenarioWorkloads.js';
import { clockProgress } from '../load/clockProgress.js';

export class ClusterProvider implements BenchmarkProvider {
  private readonly deps: ResolvedDeps;
  private readonly scenarios = new Map<MeshId, ScenarioState>();
  private plan: ClusterRunPlan | undefined;
  private kube: KubeApi | undefined;
  private switcher: ScenarioSwitch | undefined;
  private tools: Record<string, string> = {};
  private readonly facts: {
    nodes: NodeInfo[];
    kubernetesVersion: string | null;
    usedNodes: Set<string>;
  } = {
    nodes: [],
    kubernetesVersion: null,
    usedNodes: new Set(),
  };
  private readonly preinstalled = new Map<MeshId, string>();
  /** Aborted on Ctrl-C: stops the trial in progress, and keeps a later one from starting. */
  private readonly stop = new AbortController();

  constructor(
    private readonly config: Config,
    private readonly cleanup: Cleanup,
    deps: ClusterProviderDeps,
  ) {
    this.deps = resolveDeps(deps);
  }

  private get timings(): ClusterTimings {
    return this.deps.timings;
  }

  async describe(): Promise<string[]> {
    const facts = await this.deps.hostFacts();
    const scripts = await readBundles(this.config, this.deps.scripts, true);
    const material = placeholderMaterial(this.config);
    const plan = planClusterRun({
      ...this.planInputs(),
      facts,
      privateDir: '<tmp>',
      scripts,
      tls: material.tls,
    });
    return describeClusterRun(plan, {
      platform: this.deps.platform,
      firstTrial: (scenario) =>
        clusterTrialLoad(scenario.workload, this.config, 0, this.timings.startDelayMs),
      extraObjects: (scenario) => this.deps.meshes.extraObjects(scenario, material),
      deployTimeoutMs: this.timings.deployTimeoutMs,
      parkTimeoutMs: this.timings.parkTimeoutMs,
    });
  }

  async setUp(meshes: readonly MeshId[]): Promise<void> {
    const facts = await this.deps.hostFacts();
    const privateDir = await createPrivateDir(this.cleanup);
    const scripts = await readBundles(this.config, this.deps.scripts, false);
    const material = await createRunMaterial(this.config, this.cleanup, this.deps.runId);
    const plan = planClusterRun({
      ...this.planInputs(),
      facts,
      privateDir,
      scripts,
      tls: material.tls,
    });
    this.plan = plan;
    for (const warning of plan.warnings) this.deps.log(`WARNING: ${warning}`);
    for (const need of plan.tools) this.tools[need.tool] = await this.deps.installTool(need);
    await writeAccessFiles(plan.cluster.access, privateDir);

    const steps = this.stepDeps();
    await bringUpCluster({ ...plan.cluster, env: plan.env }, this.cleanup, steps);
    const kube = this.kubeApi();
    this.facts.nodes = await kube.listNodes();
    this.facts.kubernetesVersion = await kube.serverVersion();

    const kept = await installMeshes(plan, {
      kube,
      cleanup: this.cleanup,
      steps,
      log: this.deps.log,
    });
    for (const [mesh, version] of kept) this.preinstalled.set(mesh, version);

    for (const scenario of plan.scenarios.filter((s) => meshes.includes(s.mesh))) {
      if (plan.settings.provider === 'existing') this.registerNamespaceRemoval(scenario.namespace);
      const extra = this.deps.meshes.extraObjects(scenario, material);
      await kube.apply([...parkedObjects(scenario.workload), ...extra]);
      this.scenarios.set(scenario.mesh, { plan: scenario });
    }
    this.switcher = new ScenarioSwitch(kube, this.timings);
  }

  async verifyMtls(mesh: MeshId): Promise<Mtls> {
    const scenario = this.scenario(mesh);
    const mtls = await this.checkScenario(scenario);
    scenario.lastCheck = mtls;
    if (!mtls.verified && mtls.method !== NOT_APPLICABLE_MTLS.method) {
      this.deps.log(`mTLS NOT verified for ${mesh}: ${mtls.details.join('; ')}`);
    }
    return mtls;
  }

  private async checkScenario(scenario: ScenarioState): Promise<Mtls> {
    const { mesh, workload } = scenario.plan;
    if (scenario.broken !== undefined) {
      return { verified: false, method: 'not-checked', details: [scenario.broken] };
    }
    let deployed;
    try {
      deployed = await this.requireSwitch().activate(workload);
    } catch (error) {
      scenario.broken = `the ${mesh} workload did not come up: ${messageOf(error)}`;
      return { verified: false, method: 'not-checked', details: [scenario.broken] };
    }
    for (const pod of [deployed.server, deployed.client]) {
      if (pod.nodeName !== null) this.facts.usedNodes.add(pod.nodeName);
    }
    try {
      return await this.deps.meshes.verifier(mesh).verify(
        this.deps.meshes.verifyContext(scenario.plan, deployed, {
          kube: this.requireKube(),
          // Every command of a verifier gets the cluster's KUBECONFIG (and context).
          runner: withClusterEnv(this.deps.runner, { ...this.deps.env, ...this.plan?.env }),
          tools: this.tools,
        }),
      );
    } catch (error) {
      return {
        verified: false,
        method: 'error',
        details: [`verification failed: ${messageOf(error)}`],
      };
    }
  }

  async runTrial(
    trial: PlannedTrial,
    onProgress: (p: LoadProgress) => void,
  ): Promise<TrialOutcome> {
    const scenario = this.scenario(trial.mesh);
    if (scenario.broken !== undefined) {
      return { engine: undefined, resources: {}, faults: [scenario.broken] };
    }
    if (this.stop.signal.aborted) {
      return { engine: undefined, resources: {}, faults: ['stopped before the load started'] };
    }
    const check = scenario.lastCheck;
    if (check && !check.verified && check.method !== NOT_APPLICABLE_MTLS.method) {
      return {
        engine: undefined,
        resources: {},
        faults: ['mTLS was not verified on the measured path, so no load was sent'],
      };
    }
    const { workload, meshPlan } = scenario.plan;
    const spec = clusterTrialSpec(
      workload,
      clusterTrialLoad(workload, this.config, trial.index, this.timings.startDelayMs),
      meshPlan.attribution,
    );
    const stopClock = clockProgress(this.config, this.timings.startDelayMs, onProgress);
    try {
      const outcome = await runClusterTrial(
        this.requireKube(),
        timedTrialSpec(spec, this.timings, this.stop.signal),
      );
      for (const note of outcome.notes) this.deps.log(`trial ${trial.index + 1}: ${note}`);
      return { engine: outcome.engine, resources: outcome.resources, faults: outcome.faults };
    } catch (error) {
      // The scenario's pods are read again before its next trial.
      this.requireSwitch().invalidate();
      return {
        engine: undefined,
        resources: {},
        faults: [`the trial failed: ${messageOf(error)}`],
      };
    } finally {
      stopClock();
    }
  }

  interrupt(): void {
    this.stop.abort();
  }

  engineVersion(): string {
    return this.config.engine === 'fortio' ? FORTIO_VERSION : VERSION;
  }

  environment(base: Environment): Environment {
    const configs = new Map<MeshId, MeshConfig>();
    for (const mesh of this.scenarios.keys()) {
      const config = this.meshConfig(mesh);
      if (config) configs.set(mesh, config);
    }
    return clusterRunEnvironment(base, this.facts, configs);
  }

  meshConfig(mesh: MeshId): MeshConfig | undefined {
    const state = this.scenarios.get(mesh);
    return state && recordedMeshConfig(state.plan.meshConfig, this.preinstalled.get(mesh));
  }

  private planInputs() {
    return {
      config: this.config,
      runId: this.deps.runId,
      env: this.deps.env,
      meshPlan: (mesh: MeshId, namespace: string) => this.deps.meshes.plan(mesh, namespace),
      completionAnnotations: (mesh: MeshId) => this.deps.meshes.completionAnnotations(mesh),
      network: this.deps.meshes.network,
      releases: this.deps.meshes.releases,
    };
  }

  private stepDeps(): StepDeps {
    return {
      runner: this.deps.runner,
      tools: this.tools,
      runApiStep: (step) => apiStepRunner(this.kubeApi(), this.deps.log)(step),
      log: this.deps.log,
      baseEnv: this.deps.env,
    };
  }

  /** Created on first use: kind and GKE write the kubeconfig only while the cluster comes up. */
  private kubeApi(): KubeApi {
    const plan = this.plan;
    if (!plan) throw new InfraError('the cluster is not set up');
    this.kube ??= this.deps.kubeApi(plan.cluster.access, this.timings.apiPollIntervalMs);
    return this.kube;
  }

  private requireKube(): KubeApi {
    if (!this.kube) throw new InfraError('the cluster is not set up');
    return this.kube;
  }

  private requireSwitch(): ScenarioSwitch {
    if (!this.switcher) throw new InfraError('the cluster is not set up');
    return this.switcher;
  }

  private scenario(mesh: MeshId): ScenarioState {
    const state = this.scenarios.get(mesh);
    if (!state) throw new InfraError(`no ${mesh} scenario was set up`);
    return state;
  }

  private registerNamespaceRemoval(namespace: string): void {
    const context = this.plan?.settings.kubeContext ?? null;
    const kubectl = this.tools.kubectl;
    this.cleanup.add(
      `delete namespace ${namespace}`,
      () => this.requireKube().deleteNamespace(namespace, this.timings.namespaceDeleteTimeoutMs),
      { kind: 'namespace', name: namespace, context, ...(kubectl ? { command: kubectl } : {}) },
    );
  }
}
