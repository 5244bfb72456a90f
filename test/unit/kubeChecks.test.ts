// The pure parts of the Kubernetes client: when each wait target holds, how a Pod maps onto
// PodInfo (native sidecars, container states), and how client errors are cut down to safe text.
import { describe, expect, it } from '@jest/globals';
import type { V1DaemonSet, V1Deployment, V1Pod } from '@kubernetes/client-node';
import { sanitizeKubeError } from '../../src/kube/kubeErrors.js';
import { toPodInfo } from '../../src/kube/podInfo.js';
import {
  daemonSetReady,
  deploymentAvailable,
  podCompleted,
  podsReady,
} from '../../src/kube/waitConditions.js';

/** The client's models are classes; tests build plain objects of the same shape, as JSON gives. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed cast helper
const fromJson = <T>(value: unknown): T => value as T;

const deployment = (status: object | undefined, generation = 2): V1Deployment =>
  fromJson<V1Deployment>({
    metadata: { name: 'server', generation },
    spec: { replicas: 1, selector: {}, template: {} },
    status,
  });

describe('deploymentAvailable', () => {
  it.each<[string, V1Deployment, string]>([
    [
      'no status yet',
      deployment(undefined),
      'pending: the controller has not seen the latest spec yet',
    ],
    [
      'an old generation',
      deployment({ observedGeneration: 1, updatedReplicas: 1, availableReplicas: 1, replicas: 1 }),
      'pending: the controller has not seen the latest spec yet',
    ],
    [
      'not updated',
      deployment({ observedGeneration: 2, updatedReplicas: 0, replicas: 1 }),
      'pending: 0/1 replicas updated',
    ],
    [
      'an old replica left',
      deployment({ observedGeneration: 2, updatedReplicas: 1, availableReplicas: 1, replicas: 2 }),
      'pending: 1 old replica(s) still running',
    ],
    [
      'not available',
      deployment({ observedGeneration: 2, updatedReplicas: 1, availableReplicas: 0, replicas: 1 }),
      'pending: 0/1 replicas available',
    ],
    [
      'available',
      deployment({ observedGeneration: 2, updatedReplicas: 1, availableReplicas: 1, replicas: 1 }),
      'holds',
    ],
  ])('%s', (_, object, expected) => {
    const check = deploymentAvailable(object);
    expect(check.kind === 'holds' ? 'holds' : `${check.kind}: ${check.why}`).toBe(expected);
  });
});

describe('daemonSetReady', () => {
  const ds = (status: object): V1DaemonSet => fromJson({ metadata: { generation: 1 }, status });
  it.each<[object, string]>([
    [
      {
        observedGeneration: 1,
        desiredNumberScheduled: 0,
        numberReady: 0,
        currentNumberScheduled: 0,
        numberMisscheduled: 0,
      },
      'no pod is scheduled yet',
    ],
    [
      {
        observedGeneration: 1,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberReady: 2,
        currentNumberScheduled: 3,
        numberMisscheduled: 0,
      },
      '2/3 pods ready',
    ],
    [
      {
        observedGeneration: 1,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberReady: 3,
        currentNumberScheduled: 3,
        numberMisscheduled: 0,
      },
      'holds',
    ],
  ])('%j', (status, expected) => {
    const check = daemonSetReady(ds(status));
    expect(check.kind === 'holds' ? 'holds' : check.why).toBe(expected);
  });
});

const generatorPod = (
  phase: string,
  containerStatuses: object[],
  initContainers: object[] = [],
): V1Pod =>
  fromJson<V1Pod>({
    metadata: { name: 'gen', namespace: 'bench', labels: { a: 'b' } },
    spec: {
      nodeName: 'w1',
      containers: [{ name: 'loadgen', image: 'node' }],
      initContainers,
    },
    status: {
      phase,
      containerStatuses,
      conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }],
    },
  });

describe('pods', () => {
  it('maps states, restarts and native sidecars onto PodInfo', () => {
    const pod = generatorPod(
      'Running',
      [
        {
          name: 'loadgen',
          image: 'node',
          imageID: '',
          ready: false,
          restartCount: 1,
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
        },
      ],
      [
        { name: 'istio-proxy', image: 'proxyv2', restartPolicy: 'Always' },
        { name: 'istio-init', image: 'proxyv2' },
      ],
    );
    expect(toPodInfo(pod)).toEqual({
      namespace: 'bench',
      name: 'gen',
      nodeName: 'w1',
      phase: 'Running',
      ready: true,
      labels: { a: 'b' },
      annotations: {},
      serviceAccount: null,
      containers: [
        {
          name: 'loadgen',
          image: 'node',
          ready: false,
          restarts: 1,
          state: { kind: 'terminated', exitCode: 0, reason: 'Completed' },
        },
      ],
      initContainers: [
        { name: 'istio-proxy', image: 'proxyv2', ready: false, restarts: 0, sidecar: true },
        { name: 'istio-init', image: 'proxyv2', ready: false, restarts: 0, sidecar: false },
      ],
    });
  });

  it.each<[string, V1Pod, string]>([
    ['still running', generatorPod('Running', []), 'pending: phase Running'],
    ['succeeded', generatorPod('Succeeded', []), 'holds'],
    [
      'failed',
      generatorPod('Failed', [
        {
          name: 'loadgen',
          image: 'node',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
        },
      ]),
      'failed: loadgen exited with code 137 (OOMKilled)',
    ],
  ])('pod-completed: %s', (_, pod, expected) => {
    const check = podCompleted(pod);
    expect(check.kind === 'holds' ? 'holds' : `${check.kind}: ${check.why}`).toBe(expected);
  });

  it('pods-ready needs at least one pod, all Ready, none failed', () => {
    expect(podsReady([])).toEqual({ kind: 'pending', why: 'no matching pod exists yet' });
    expect(podsReady([generatorPod('Pending', [])])).toEqual({
      kind: 'pending',
      why: '1/1 not Ready: gen',
    });
    expect(podsReady([generatorPod('Running', [])])).toEqual({ kind: 'holds' });
    expect(podsReady([generatorPod('Failed', [])])).toEqual({
      kind: 'failed',
      why: 'pod gen failed',
    });
  });
});

describe('sanitizeKubeError', () => {
  it('keeps status, reason and message of an API error, never its body or headers', () => {
    // The shape @kubernetes/client-node's ApiException has.
    const apiError = Object.assign(
      new Error(
        'HTTP-Code: 403\nMessage: Unknown API Status Code!\nBody: {...}\nHeaders: {"set-cookie":"secret"}',
      ),
      {
        code: 403,
        body: JSON.stringify({
          kind: 'Status',
          reason: 'Forbidden',
          message: 'pods is forbidden: User "x" cannot list',
        }),
        headers: { 'set-cookie': 'secret' },
      },
    );
    const safe = sanitizeKubeError(apiError);
    expect(safe.message).toBe('HTTP 403 Forbidden: pods is forbidden: User "x" cannot list');
    expect(safe.cause).toBeUndefined();
  });

  it('keeps the chain of a network error', () => {
    const error = new TypeError('fetch failed', {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:6443'),
    });
    expect(sanitizeKubeError(error).message).toBe(
      'fetch failed: connect ECONNREFUSED 127.0.0.1:6443',
    );
  });

  it('cuts a long message', () => {
    const error = Object.assign(new Error('x'), {
      code: 422,
      body: { reason: 'Invalid', message: 'y'.repeat(500) },
    });
    expect(sanitizeKubeError(error).message).toHaveLength('HTTP 422 Invalid: '.length + 200);
  });
});
