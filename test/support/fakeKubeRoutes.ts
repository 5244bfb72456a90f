// How the fake API server answers each request: discovery, CRUD with server-side apply, pod logs,
// the node proxy's kubelet Summary and the version, each with the Status errors the real one sends.
import { StoreError, type ResourceType } from './fakeKubeResources.js';
import { containerStarted, type Json } from './fakeKubeSimulation.js';
import type { FakeKubeStore } from './fakeKubeStore.js';
import type { FakeFailure, FakeKubeScript, RecordedRequest } from './fakeKubeApi.js';

export interface Answer {
  code: number;
  type: string;
  body: string;
}

export interface Context {
  store: FakeKubeStore;
  script: FakeKubeScript;
  gitVersion: string;
  statsCalls: Map<string, number>;
}

const json = (value: unknown, code = 200): Answer => ({
  code,
  type: 'application/json',
  body: JSON.stringify(value),
});

function status(code: number, reason: string, message: string): Answer {
  return json({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code }, code);
}

function discovery(store: FakeKubeStore, group: string, version: string): Answer {
  const types = store.resourceTypes().filter((t) => t.group === group && t.version === version);
  if (types.length === 0)
    return status(404, 'NotFound', 'the server could not find the requested resource');
  return json({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.map((t) => ({
      name: t.plural,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  });
}

function route(request: RecordedRequest, context: Context): Answer {
  const { store } = context;
  if (request.path === '/version') {
    const [major = '1', minor = '0'] = context.gitVersion.replace(/^v/, '').split('.');
    return json({ major, minor, gitVersion: context.gitVersion, platform: 'linux/amd64' });
  }
  const segments = request.path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments[1] === 'v1') {
    [group, version, rest] = ['', 'v1', segments.slice(2)];
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    [group, version, rest] = [segments[1] ?? '', segments[2] ?? '', segments.slice(3)];
  } else {
    return status(404, 'NotFound', 'the server could not find the requested resource');
  }
  if (rest.length === 0) return discovery(store, group, version);
  if (group === '' && rest[0] === 'nodes' && rest[2] === 'proxy') {
    return nodeProxy(rest[1] ?? '', rest.slice(3).join('/'), context);
  }
  if (group === '' && rest[0] === 'namespaces' && rest[2] === 'pods' && rest[4] === 'log') {
    return podLog(rest[1] ?? '', rest[3] ?? '', request.query.container, context);
  }
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
  const namespace = namespaced ? rest[1] : undefined;
  const [plural = '', name] = namespaced ? rest.slice(2) : rest;
  const type = store.resource(group, version, plural);
  if (!type) return status(404, 'NotFound', 'the server could not find the requested resource');
  return crud(request, type, namespace, name, context);
}

function crud(
  request: RecordedRequest,
  type: ResourceType,
  namespace: string | undefined,
  name: string | undefined,
  { store }: Context,
): Answer {
  switch (request.method) {
    case 'GET':
      if (name !== undefined) return json(store.get(type, namespace, name));
      return json({
        kind: `${type.kind}List`,
        apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
        metadata: { resourceVersion: '1' },
        items: store.list(type, namespace ?? null, request.query.labelSelector ?? null),
      });
    case 'PATCH':
      if (name === undefined) return status(405, 'MethodNotAllowed', 'PATCH needs a name');
      if (request.contentType !== 'application/apply-patch+yaml') {
        return status(
          415,
          'UnsupportedMediaType',
          `the fake serves server-side apply only, not ${request.contentType ?? 'nothing'}`,
        );
      }
      if (!request.query.fieldManager) {
        return status(422, 'Invalid', 'fieldManager: Required value: is required for apply patch');
      }
      return json(store.apply(type, namespace, name, request.body as Json));
    case 'DELETE':
      if (name === undefined) return status(405, 'MethodNotAllowed', 'DELETE needs a name');
      return json(store.delete(type, namespace, name));
    default:
      return status(405, 'MethodNotAllowed', `the fake does not serve ${request.method}`);
  }
}

function podLog(
  namespace: string,
  name: string,
  container: string | undefined,
  context: Context,
): Answer {
  // Reading a log does not move the pod along: only status reads count as polls.
  const pod = context.store.peek(
    context.store.resource('', 'v1', 'pods') as ResourceType,
    namespace,
    name,
  );
  const names = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  const target = container ?? names[0] ?? '';
  if (container === undefined && names.length > 1) {
    return status(
      400,
      'BadRequest',
      `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`,
    );
  }
  if (!containerStarted(pod, target)) {
    return status(
      400,
      'BadRequest',
      `container "${target}" in pod "${name}" is waiting to start: ContainerCreating`,
    );
  }
  return { code: 200, type: 'text/plain', body: context.script.podLogs?.(pod, container) ?? '' };
}

function nodeProxy(node: string, path: string, context: Context): Answer {
  context.store.peek(context.store.resource('', 'v1', 'nodes') as ResourceType, undefined, node);
  if (path !== 'stats/summary')
    return status(404, 'NotFound', `the fake kubelet does not serve /${path}`);
  const call = context.statsCalls.get(node) ?? 0;
  context.statsCalls.set(node, call + 1);
  const answer = context.script.statsSummary?.(node, call);
  if (answer === undefined)
    return status(503, 'ServiceUnavailable', `no Summary scripted for ${node}`);
  const failure = answer as Partial<FakeFailure>;
  if (typeof failure.failWith === 'number') {
    return status(
      failure.failWith,
      'ServiceUnavailable',
      failure.message ?? 'error trying to reach service',
    );
  }
  return json(answer);
}

/** Answers one request; store errors become Status answers, anything else a 500. */
export function answerRequest(request: RecordedRequest, context: Context): Answer {
  try {
    return route(request, context);
  } catch (error) {
    return error instanceof StoreError
      ? status(error.status, error.reason, error.message)
      : status(500, 'InternalError', error instanceof Error ? error.message : 'failure');
  }
}
