// How a cluster with every mesh behaves, for the fake API server (what the installs leave there is
// in fakeMeshSeeds.ts): the meshes' admission (sidecar injection, ambient capture), what probe
// pods and ztunnel report, generator pods that print a recorded generator log, and kubelets whose
// Summaries bracket that log's measured window anew for every trial.
import type { MeshId } from '../../src/config/types.js';
import type { ProbeSpec } from '../../src/mesh/probe/probePod.js';
import { PROBE_MARK, PROBE_SPEC_ENV } from '../../src/mesh/probe/probeScript.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFortioPodLog } from '../../src/load/fortio/fortioPodLog.js';
import { parseLoadgenLog } from '../../src/workload/generatorResults.js';
import type { FakeKubeApi, FakeKubeScript } from './fakeKubeApi.js';
import { logs } from './fakeIstioCluster.js';
import type { FakeObject, Json } from './fakeKubeSimulation.js';
import { summaryAt, type FakePodLoad } from './kubeletFixtures.js';
import { NODES } from './fakeMeshSeeds.js';
import { fixturesDir } from './paths.js';

export interface MeshClusterOptions {
  /** Meshes whose enforcement is broken: no injection or capture, plaintext let through. */
  mtlsOff?: readonly MeshId[];
  /** How a generator pod of the given trial ends (restarts, exit code). */
  generatorExit?: (trial: number) => { restarts?: number; exitCode?: number };
  /** Which recorded generator output the pods print (default: the builtin engine's). */
  engine?: 'builtin' | 'fortio';
}

/**
 * What a generator pod prints: the builtin generator's recorded logs (test/fixtures/loadgen), or
 * fortio's recorded `plain` run as a pod log merges it (stderr, then the JSON on stdout).
 */
function generatorLogs(engine: 'builtin' | 'fortio'): string[] {
  if (engine === 'builtin') return logs;
  const read = (file: string): string =>
    readFileSync(path.join(fixturesDir, 'fortio', file), 'utf8');
  return [`${read('plain.stderr.txt')}${read('plain.json')}`];
}

/** The window the logs measured together, which every trial's kubelet Summaries bracket. */
function measuredWindow(
  engine: 'builtin' | 'fortio',
  texts: string[],
): { startMs: number; endMs: number } {
  const parse = engine === 'builtin' ? parseLoadgenLog : parseFortioPodLog;
  const trials = texts.map((t) => parse(t));
  return {
    startMs: Math.max(...trials.map((t) => t?.measureStartMs ?? 0)),
    endMs: Math.min(...trials.map((t) => t?.measureEndMs ?? 0)),
  };
}

/** Steady use per container, by what the container is (cores, MiB of working set). */
const LOAD: Record<string, [number, number]> = {
  loadgen: [0.1, 80],
  server: [0.25, 120],
  'istio-proxy': [0.3, 60],
  'linkerd-proxy': [0.2, 20],
  discovery: [0.02, 90],
  'cilium-agent': [0.05, 150],
};

type Labels = Record<string, string>;
const labelsOf = (o: FakeObject | undefined): Labels => o?.metadata.labels ?? {};
const annotationsOf = (o: FakeObject | undefined): Labels => o?.metadata.annotations ?? {};

/** The mesh a namespace is enrolled in, read off its labels and annotations. */
function meshOf(ns: FakeObject | undefined): MeshId | undefined {
  if (labelsOf(ns)['istio-injection'] === 'enabled') return 'istio';
  if (labelsOf(ns)['istio.io/dataplane-mode'] === 'ambient') return 'istio-ambient';
  if (annotationsOf(ns)['linkerd.io/inject'] === 'enabled') return 'linkerd';
  return undefined;
}

/** The requests a probe pod was created with (its spec travels in an environment variable). */
function probeSpecOf(pod: FakeObject): ProbeSpec {
  const spec = pod.spec as { containers: { env?: { name: string; value: string }[] }[] };
  const value = spec.containers[0]?.env?.find((e) => e.name === PROBE_SPEC_ENV)?.value ?? '{}';
  return JSON.parse(value) as ProbeSpec;
}

const spiffe = (ns: string, sa: string): string => `spiffe://cluster.local/ns/${ns}/sa/${sa}`;

export class FakeMeshCluster {
  private api: FakeKubeApi | undefined;
  private readonly lastCall = new Map<string, number>();
  private readonly callOffset = new Map<string, number>();

  private readonly logs: string[];
  private readonly window: { startMs: number; endMs: number };

  constructor(private readonly options: MeshClusterOptions = {}) {
    const engine = options.engine ?? 'builtin';
    this.logs = generatorLogs(engine);
    this.window = measuredWindow(engine, this.logs);
  }

  attach(api: FakeKubeApi): void {
    this.api = api;
  }

  private get fake(): FakeKubeApi {
    if (!this.api) throw new Error('attach the fake API server first');
    return this.api;
  }

  private off(mesh: MeshId): boolean {
    return this.options.mtlsOff?.includes(mesh) ?? false;
  }

  private namespaceObject(name: string | undefined): FakeObject | undefined {
    return this.fake.store.objectsOf('Namespace').find((n) => n.metadata.name === name);
  }

  script(): FakeKubeScript {
    return {
      podReadyAfterReads: 1,
      podCompleteAfterReads: 2,
      namespaceGoneAfterReads: 1,
      admitPod: (pod, ns) => {
        this.admit(pod, ns);
      },
      podExit: (pod) => {
        const trial = Number(pod.metadata.labels?.['mesh-perf/trial'] ?? -1);
        return trial >= 0 ? (this.options.generatorExit?.(trial) ?? {}) : {};
      },
      podLogs: (pod) => this.log(pod),
      statsSummary: (node, call) => {
        this.lastCall.set(node, call);
        return this.kubelet(node, call - (this.callOffset.get(node) ?? 0));
      },
    };
  }

  /** A node's Summary on its n-th read of a trial: before, inside, then after the window. */
  private kubelet(node: string, call: number): unknown {
    const { startMs, endMs } = this.window;
    const atMs = call === 0 ? startMs - 4000 : call === 1 ? startMs + 1000 : endMs + 2000;
    const pods: FakePodLoad[] = this.fake.store
      .objectsOf('Pod')
      .filter((p) => (p.spec as { nodeName?: string }).nodeName === node)
      .map((p) => {
        const spec = p.spec as {
          containers: { name: string }[];
          initContainers?: { name: string }[];
        };
        const containers: FakePodLoad['containers'] = {};
        for (const { name } of [...spec.containers, ...(spec.initContainers ?? [])]) {
          const [cores, mib] = LOAD[name] ?? [0.01, 10];
          containers[name] = { cores, workingSetBytes: mib * 1024 * 1024 };
        }
        const generator = labelsOf(p)['mesh-perf/trial'] !== undefined;
        return {
          namespace: p.metadata.namespace ?? '',
          name: p.metadata.name,
          startedAtMs: generator ? startMs - 3000 : startMs - 600_000,
          containers,
        };
      });
    return summaryAt(node, pods, atMs);
  }

  private admit(pod: FakeObject, ns: FakeObject | undefined): void {
    if (pod.metadata.labels?.['mesh-perf/trial'] !== undefined) {
      // A new trial: every kubelet starts again from "before the recorded window".
      for (const node of NODES) this.callOffset.set(node, (this.lastCall.get(node) ?? -1) + 1);
    }
    const mesh = meshOf(ns);
    if (mesh === undefined || this.off(mesh)) return;
    const spec = pod.spec as { containers: Json[]; initContainers?: Json[] };
    const annotations = annotationsOf(pod);
    const inject = (name: string, native: boolean): void => {
      const proxy = { name, image: `example.test/${name}` };
      if (native)
        spec.initContainers = [
          ...(spec.initContainers ?? []),
          { ...proxy, restartPolicy: 'Always' },
        ];
      else spec.containers.push(proxy);
    };
    if (mesh === 'istio')
      inject('istio-proxy', annotations['sidecar.istio.io/nativeSidecar'] === 'true');
    if (mesh === 'linkerd') {
      inject(
        'linkerd-proxy',
        annotations['config.linkerd.io/proxy-enable-native-sidecar'] === 'true',
      );
    }
    if (mesh === 'istio-ambient') {
      pod.metadata.annotations = { ...annotations, 'ambient.istio.io/redirection': 'enabled' };
    }
  }

  private log(pod: FakeObject): string {
    const labels = labelsOf(pod);
    if (labels['mesh-perf/generator'] !== undefined) {
      return this.logs[Number(labels['mesh-perf/generator'])] ?? '';
    }
    if (labels['app.kubernetes.io/name'] === 'mesh-perf-probe') return this.probeLog(pod);
    if (labels.app === 'ztunnel') return this.ztunnelLog();
    return '';
  }

  /** What the network does with each request of a probe pod, by where it runs and the mesh. */
  private probeLog(pod: FakeObject): string {
    const ns = pod.metadata.namespace ?? '';
    const outside = ns.endsWith('-outside');
    const target = outside ? ns.slice(0, -'-outside'.length) : ns;
    const targetNs = this.namespaceObject(target);
    const scenario = (target.split('-').slice(3).join('-') || 'none') as MeshId;
    const lines = probeSpecOf(pod).requests.map((request) => {
      let outcome: Json;
      const refused = { kind: 'refused', reason: 'ECONNRESET: socket hang up' };
      const ok = (headers: Labels): Json => ({
        kind: 'response',
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ headers: { host: new URL(request.url).host, ...headers } }),
        tls: request.url.startsWith('https')
          ? { protocol: 'TLSv1.3', authorized: true, authorizationError: null }
          : null,
      });
      if (request.name === 'our-client-certificate') outcome = ok({});
      else if (request.name.endsWith('certificate'))
        outcome = this.off('app-mtls') ? ok({}) : refused;
      else if (outside) outcome = this.off(scenario) ? ok({}) : refused;
      else outcome = ok(this.identityHeaders(meshOf(targetNs), target));
      return PROBE_MARK + JSON.stringify({ name: request.name, attempts: 1, ...outcome });
    });
    return [...lines, ''].join('\n');
  }

  private identityHeaders(mesh: MeshId | undefined, ns: string): Labels {
    if (mesh === 'istio') {
      return {
        'x-forwarded-client-cert': `By=${spiffe(ns, 'mesh-perf-server')};Hash=20afebed6da091c850264cc751b8c9306abac02993f80bdb76282237422bd098;Subject="";URI=${spiffe(ns, 'mesh-perf-client')}`,
      };
    }
    if (mesh === 'linkerd') {
      return {
        'l5d-client-id': `mesh-perf-client.${ns}.serviceaccount.identity.linkerd.cluster.local`,
      };
    }
    return {};
  }

  /**
   * ztunnel's access log (test/fixtures/mesh/istio/ztunnel-access-tabs.txt's format, inbound):
   * one completed connection per identity probe to the server of its ambient namespace.
   */
  private ztunnelLog(): string {
    const pods = this.fake.store.objectsOf('Pod');
    return pods
      .filter((p) => p.metadata.name.startsWith('mesh-perf-probe-identity'))
      .flatMap((probe) => {
        const ns = probe.metadata.namespace ?? '';
        if (meshOf(this.namespaceObject(ns)) !== 'istio-ambient' || this.off('istio-ambient'))
          return [];
        const server = pods.find(
          (p) => p.metadata.namespace === ns && labelsOf(p)['mesh-perf/role'] === 'server',
        );
        if (!server) return [];
        return [
          [
            '2026-12-07T15:07:25.806642Z',
            'info',
            'access',
            'connection complete',
            `src.addr=10.244.1.48:40978 src.workload="${probe.metadata.name}" src.namespace="${ns}" src.identity="${spiffe(ns, 'mesh-perf-client')}" dst.addr=10.244.2.43:15008 dst.hbone_addr=10.244.2.43:8080 dst.service="mesh-perf-server.${ns}.svc.cluster.local" dst.workload="${server.metadata.name}" dst.namespace="${ns}" dst.identity="${spiffe(ns, 'mesh-perf-server')}" direction="inbound" bytes_sent=358 bytes_recv=283 duration="2ms"`,
          ].join('\t'),
        ];
      })
      .join('\n');
  }
}
