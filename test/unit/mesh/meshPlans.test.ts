// Each mesh's plan as data: install steps in order (commands with their argv, typed waits, generated
// secrets), enrollment labels and annotations, enforcement objects, attribution and removal.
import { describe, expect, it } from '@jest/globals';
import { formatStep, type Step } from '../../../src/cluster/steps.js';
import type { MeshId } from '../../../src/config/types.js';
import {
  meshDryRunSteps,
  meshPlanFor,
  runToCompletionAnnotations,
} from '../../../src/mesh/meshPlans.js';
import type { MeshPlanOptions } from '../../../src/mesh/planOptions.js';

const options = (over: Partial<MeshPlanOptions> = {}): MeshPlanOptions => ({
  provider: 'kind',
  namespace: 'bench',
  istioVersion: '1.30.3',
  linkerdVersion: 'edge-26.8.3',
  ciliumVersion: '1.19.6',
  ciliumEncryption: 'wireguard',
  ...over,
});

/** One line per step: what it runs or waits for. */
function outline(steps: readonly Step[]): string[] {
  return steps.map((step) => {
    switch (step.kind) {
      case 'command': {
        const from = step.stdinFrom
          ? `${[step.stdinFrom.command, ...step.stdinFrom.args].join(' ')} | `
          : '';
        return `$ ${from}${[step.command, ...step.args].join(' ')}`;
      }
      case 'wait': {
        const t = step.target;
        const where = 'name' in t ? ('namespace' in t ? `${t.namespace}/${t.name}` : t.name) : '';
        return `wait ${t.type} ${where}`.trim();
      }
      case 'apply':
        return `apply ${step.objects.map((o) => o.kind).join(',')}`;
      case 'generated-secret':
        return `secret ${step.namespace}/${step.name} (${step.generator})`;
      case 'verify':
        return `verify ${step.checks.length} checks`;
    }
  });
}

describe('istio (sidecar)', () => {
  const plan = meshPlanFor('istio', options());

  it('installs istiod with the minimal profile and waits for it', () => {
    expect(outline(plan.install)).toEqual([
      '$ istioctl install --skip-confirmation --set profile=minimal --readiness-timeout 300s',
      'wait deployment-available istio-system/istiod',
      'wait crd-established peerauthentications.security.istio.io',
    ]);
    expect(plan.info).toMatchObject({ version: '1.30.3', profile: 'minimal' });
  });

  it('enrolls the namespace for injection and enforces STRICT mTLS there', () => {
    expect(plan.namespaceLabels).toEqual({ 'istio-injection': 'enabled' });
    expect(plan.namespaceAnnotations).toEqual({});
    expect(plan.enforce).toEqual([
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'bench' },
        spec: { mtls: { mode: 'STRICT' } },
      },
    ]);
  });

  it('attributes istio-proxy to the proxies and istiod to the control plane', () => {
    expect(plan.attribution).toEqual({
      proxyContainers: ['istio-proxy'],
      meshPods: [
        { namespace: 'istio-system', labelSelector: 'app=istiod', component: 'control-plane' },
      ],
    });
    expect(outline(plan.uninstall)).toEqual([
      '$ istioctl uninstall --skip-confirmation --set profile=minimal',
    ]);
  });
});

describe('istio-ambient', () => {
  it('installs the ambient profile, then waits for istiod, istio-cni and ztunnel', () => {
    const plan = meshPlanFor('istio-ambient', options());
    expect(outline(plan.install)).toEqual([
      '$ istioctl install --skip-confirmation --set profile=ambient --readiness-timeout 300s',
      'wait deployment-available istio-system/istiod',
      'wait crd-established peerauthentications.security.istio.io',
      'wait daemonset-ready istio-system/istio-cni-node',
      'wait daemonset-ready istio-system/ztunnel',
    ]);
    expect(plan.namespaceLabels).toEqual({ 'istio.io/dataplane-mode': 'ambient' });
    expect(plan.enforce.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}`)).toEqual([
      'PeerAuthentication bench',
    ]);
    expect(plan.attribution).toEqual({
      proxyContainers: [],
      meshPods: [
        { namespace: 'istio-system', labelSelector: 'app=ztunnel', component: 'node-agent' },
        {
          namespace: 'istio-system',
          labelSelector: 'k8s-app=istio-cni-node',
          component: 'node-agent',
        },
        { namespace: 'istio-system', labelSelector: 'app=istiod', component: 'control-plane' },
      ],
    });
  });

  it('uses the gke platform profile on GKE', () => {
    const plan = meshPlanFor('istio-ambient', options({ provider: 'gke' }));
    expect(outline(plan.install)[0]).toBe(
      '$ istioctl install --skip-confirmation --set profile=ambient --set values.global.platform=gke --readiness-timeout 300s',
    );
    expect(plan.info.flags).toContain('--set values.global.platform=gke');
  });
});

describe('linkerd', () => {
  const plan = meshPlanFor('linkerd', options());

  it('installs the Gateway API first, then the CRDs and control plane through pipes, then checks', () => {
    expect(outline(plan.install)).toEqual([
      '$ kubectl apply --server-side -f https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml',
      'wait crd-established httproutes.gateway.networking.k8s.io',
      'wait crd-established grpcroutes.gateway.networking.k8s.io',
      '$ linkerd check --pre',
      '$ linkerd install --crds | kubectl apply -f -',
      'wait crd-established servers.policy.linkerd.io',
      'wait crd-established authorizationpolicies.policy.linkerd.io',
      '$ linkerd install | kubectl apply -f -',
      'wait deployment-available linkerd/linkerd-destination',
      'wait deployment-available linkerd/linkerd-identity',
      'wait deployment-available linkerd/linkerd-proxy-injector',
      '$ linkerd check --wait 300s',
    ]);
  });

  it('enrolls by annotation with all-authenticated as the default inbound policy', () => {
    expect(plan.namespaceLabels).toEqual({});
    expect(plan.namespaceAnnotations).toEqual({
      'linkerd.io/inject': 'enabled',
      'config.linkerd.io/default-inbound-policy': 'all-authenticated',
    });
    expect(plan.enforce).toEqual([]);
  });

  it('attributes linkerd-proxy and the three control-plane components', () => {
    expect(plan.attribution.proxyContainers).toEqual(['linkerd-proxy']);
    expect(
      plan.attribution.meshPods.map((p) => `${p.namespace} ${p.labelSelector} ${p.component}`),
    ).toEqual([
      'linkerd linkerd.io/control-plane-component=destination control-plane',
      'linkerd linkerd.io/control-plane-component=identity control-plane',
      'linkerd linkerd.io/control-plane-component=proxy-injector control-plane',
    ]);
    expect(outline(plan.uninstall)).toEqual([
      '$ linkerd uninstall | kubectl delete --ignore-not-found -f -',
    ]);
  });

  it('asks an older release for the Gateway API it supports', () => {
    const old = meshPlanFor('linkerd', options({ linkerdVersion: 'edge-25.10.7' }));
    expect(outline(old.install)[0]).toContain('/v1.2.1/standard-install.yaml');
  });
});

describe('cilium', () => {
  it.each<[MeshPlanOptions['ciliumEncryption'], string[]]>([
    ['wireguard', []],
    ['ipsec', ['secret kube-system/cilium-ipsec-keys (cilium-ipsec-keys)']],
    ['ztunnel', ['secret kube-system/cilium-ztunnel-secrets (cilium-ztunnel-secrets)']],
  ])('%s on kind: secrets first, install, then readiness', (encryption, secrets) => {
    const plan = meshPlanFor('cilium', options({ ciliumEncryption: encryption }));
    expect(outline(plan.install)).toEqual([
      ...secrets,
      `$ cilium install --version 1.19.6 --set encryption.enabled=true --set encryption.type=${encryption} --set kubeProxyReplacement=true --wait --wait-duration 300s`,
      '$ cilium status --wait --wait-duration 300s',
      'wait daemonset-ready kube-system/cilium',
      'wait deployment-available kube-system/cilium-operator',
      'wait daemonset-ready kube-system/cilium-envoy',
      ...(encryption === 'ztunnel' ? ['wait daemonset-ready kube-system/ztunnel-cilium'] : []),
      'wait nodes-ready',
    ]);
    expect(plan.uninstall).toEqual([]);
  });

  it('enrolls the namespace only in ztunnel mode, and attributes the node agents', () => {
    const ztunnel = meshPlanFor('cilium', options({ ciliumEncryption: 'ztunnel' }));
    expect(ztunnel.namespaceLabels).toEqual({ 'io.cilium/mtls-enabled': 'true' });
    expect(ztunnel.attribution.meshPods.map((p) => `${p.labelSelector} ${p.component}`)).toEqual([
      'k8s-app=cilium node-agent',
      'k8s-app=cilium-envoy node-agent',
      'app=ztunnel-cilium node-agent',
      'io.cilium/app=operator control-plane',
    ]);
    expect(meshPlanFor('cilium', options()).namespaceLabels).toEqual({});
  });

  it('never installs or removes the CNI of an existing cluster, only checks it', () => {
    const plan = meshPlanFor('cilium', options({ provider: 'existing' }));
    expect(outline(plan.install).filter((line) => line.startsWith('$'))).toEqual([
      '$ cilium status --wait --wait-duration 300s',
    ]);
    expect(plan.info).toMatchObject({
      version: 'preinstalled',
      profile: 'preinstalled (not installed by the run)',
    });
    expect(plan.uninstall).toEqual([]);
  });

  it('says loudly in the dry run that same-node traffic is not encrypted', () => {
    const text = formatStep(meshPlanFor('cilium', options()).verifyStep);
    expect(text).toContain(
      'WireGuard and IPsec do not encrypt traffic between pods on the same node',
    );
  });
});

describe('none and app-mtls', () => {
  it.each(['none', 'app-mtls'] as const)('%s installs nothing and attributes nothing', (mesh) => {
    const plan = meshPlanFor(mesh, options());
    expect(plan.install).toEqual([]);
    expect(plan.enforce).toEqual([]);
    expect(plan.uninstall).toEqual([]);
    expect(plan.attribution).toEqual({ proxyContainers: [], meshPods: [] });
  });
});

describe('the dry run', () => {
  it.each(['istio', 'istio-ambient', 'linkerd', 'cilium'] as const)(
    '%s prints its install, enforcement and verification',
    (mesh) => {
      const plan = meshPlanFor(mesh, options());
      const text = [...plan.install, plan.verifyStep].map(formatStep).join('\n');
      expect(text).toMatch(/\$ (istioctl|kubectl|cilium) /);
      expect(text).toMatch(/check: .*(refused|different nodes)/);
      expect(text.match(/\n {2}check: /g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    },
  );

  it('prints a piped install as a shell pipe and never the generated keys', () => {
    const linkerd = meshPlanFor('linkerd', options()).install.map(formatStep).join('\n');
    expect(linkerd).toContain('$ linkerd install --crds | kubectl apply -f -');
    const ipsec = meshPlanFor('cilium', options({ ciliumEncryption: 'ipsec' })).install.map(
      formatStep,
    );
    expect(ipsec[0]).toBe(
      'create the IPsec pre-shared key\n  create Secret kube-system/cilium-ipsec-keys (cilium-ipsec-keys), generated when the step runs; its contents are never printed',
    );
  });
});

describe('meshDryRunSteps', () => {
  it('lists install, the enforcement objects and the checks, in the order a run takes them', () => {
    const steps = meshDryRunSteps(meshPlanFor('istio', options()));
    expect(outline(steps)).toEqual([
      '$ istioctl install --skip-confirmation --set profile=minimal --readiness-timeout 300s',
      'wait deployment-available istio-system/istiod',
      'wait crd-established peerauthentications.security.istio.io',
      'apply PeerAuthentication',
      'verify 3 checks',
    ]);
    expect(formatStep(steps[3] as Step)).toContain('  spec:\n    mtls:\n      mode: STRICT');
  });

  it('has no apply step where enrollment itself enforces (linkerd)', () => {
    expect(
      outline(meshDryRunSteps(meshPlanFor('linkerd', options()))).filter((l) =>
        l.startsWith('apply'),
      ),
    ).toEqual([]);
  });
});

describe('runToCompletionAnnotations', () => {
  it.each<[MeshId, Record<string, string>]>([
    ['istio', { 'sidecar.istio.io/nativeSidecar': 'true' }],
    [
      'linkerd',
      {
        'config.linkerd.io/proxy-enable-native-sidecar': 'true',
        'config.alpha.linkerd.io/proxy-enable-native-sidecar': 'true',
      },
    ],
    ['istio-ambient', {}],
    ['cilium', {}],
    ['none', {}],
  ])('%s', (mesh, annotations) => {
    expect(runToCompletionAnnotations(mesh)).toEqual(annotations);
  });
});
