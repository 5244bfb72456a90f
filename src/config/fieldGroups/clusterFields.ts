// Clusters: the kind or GKE cluster a run creates (or the existing one it uses), the pinned CLIs, and the mesh releases.
import {
  MIN_CILIUM_ZTUNNEL_VERSION,
  MIN_MESH_VERSIONS,
  versionExample,
} from '../../mesh/meshVersions.js';
import { TOOL_NAMES } from '../../tools/toolNames.js';
import { type FieldSpec, KIND_NODE_IMAGE, LIMITS, durationText, whole } from '../fieldSpec.js';
import { CILIUM_ENCRYPTIONS } from '../types.js';

export const CLUSTER_FIELDS = [
  {
    key: 'cluster-name',
    description:
      'Name of the kind or GKE cluster the run creates; when not set, mesh-perf- and the start of the run id.',
    default: null,
    allowed:
      'a DNS label of at most 40 characters: lowercase letters, digits and -, starting with a letter',
  },
  {
    key: 'nodes',
    description: 'Worker nodes of a kind or GKE cluster (kind adds one control-plane node).',
    default: '2',
    allowed: `${whole(LIMITS.nodes)}; cross-node placement needs at least 2`,
  },
  {
    key: 'kind-node-image',
    description: 'Node image of the kind cluster, pinned by digest.',
    default: KIND_NODE_IMAGE,
    allowed: 'an image reference such as kindest/node:v1.36.1@sha256:<64 hex digits>',
  },
  {
    key: 'gke-project',
    description: 'Google Cloud project the GKE cluster is created in (provider gke).',
    default: null,
    allowed: 'a project id: 6 to 30 lowercase letters, digits and -',
  },
  {
    key: 'gke-zone',
    description:
      'Zone of the GKE cluster (provider gke); a region makes a regional cluster with nodes in each of its zones.',
    default: null,
    allowed: 'a zone such as us-central1-a, or a region such as us-central1',
  },
  {
    key: 'gke-machine-type',
    description:
      'Machine type of the GKE nodes; N2 rather than E2, whose shared placement makes timings vary more.',
    default: 'n2-standard-4',
    allowed: 'a Compute Engine machine type such as n2-standard-4',
  },
  {
    key: 'gke-expiry',
    description:
      "Written into the GKE cluster's expiry label (creation time plus this), so a janitor can delete clusters a killed job left.",
    default: '6h',
    allowed: durationText(LIMITS.gkeExpiryMs),
  },
  {
    key: 'kube-context',
    description:
      "Context of your kubeconfig to run in (provider existing); only the run's namespace and the mesh are added to that cluster.",
    default: null,
    allowed: 'a context name from your kubeconfig',
  },
  {
    key: 'tool-versions',
    description:
      'Versions of the CLIs to use instead of the pinned ones; a version without a pinned sha256 must already be on PATH.',
    default: null,
    allowed: `comma-separated tool=version pairs, tools: ${TOOL_NAMES.join(', ')}`,
  },
  {
    key: 'istio-version',
    description:
      'Istio release installed for istio and istio-ambient (istioctl of the same release).',
    default: '1.30.3',
    allowed: `a release like ${versionExample('istio')}, ${MIN_MESH_VERSIONS.istio} or newer`,
  },
  {
    key: 'linkerd-version',
    description:
      'Linkerd edge release installed for linkerd (the linkerd CLI of the same release).',
    default: 'edge-25.5.2',
    allowed: `an edge release like ${versionExample('linkerd')}, ${MIN_MESH_VERSIONS.linkerd} or newer`,
  },
  {
    key: 'cilium-version',
    description: 'Cilium release installed for cilium (cilium install --version).',
    default: '1.19.6',
    allowed: `a release like ${versionExample('cilium')}, ${MIN_MESH_VERSIONS.cilium} or newer`,
  },
  {
    key: 'cilium-encryption',
    description:
      'Transparent encryption Cilium is installed with; wireguard and ipsec do not encrypt traffic between pods on the same node.',
    default: 'wireguard',
    allowed: `${CILIUM_ENCRYPTIONS.join(', ')} (ztunnel is beta and needs cilium-version ${MIN_CILIUM_ZTUNNEL_VERSION} or newer)`,
  },
] as const satisfies readonly FieldSpec[];
