// The environment fingerprint of a cluster run: what the nodes that ran the workload report (OS
// image, kernel, machine type, CPU and memory capacity) and the API server's Kubernetes version,
// in place of the runner's own. Pure, so it is tested on saved node data.
import type { NodeInfo } from '../kube/kubeApi.js';
import type { Environment } from './schema.js';

/** "4", "3920m" -> cores. */
export function parseCpuQuantity(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) / (match[2] === 'm' ? 1000 : 1);
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** "16393452Ki", "16Gi", "17179869184" -> GiB. */
export function parseMemoryGiB(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([KMGT]i|[kMGT])?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2];
  const factor = unit === undefined ? 1 : (BINARY[unit] ?? DECIMAL[unit] ?? 1);
  return (Number(match[1]) * factor) / 2 ** 30;
}

/** One value when the nodes agree, else each distinct value, so mixed pools are visible. */
function distinct(values: readonly string[]): string {
  return [...new Set(values)].join(' | ');
}

/**
 * @param nodeNames the nodes the client and server ran on; all nodes when empty or none match.
 */
export function clusterEnvironment(
  base: Environment,
  nodes: readonly NodeInfo[],
  kubernetesVersion: string,
  nodeNames: readonly string[] = [],
): Environment {
  const used = nodes.filter((node) => nodeNames.includes(node.name));
  const chosen = used.length > 0 ? used : nodes;
  if (chosen.length === 0) return { ...base, kubernetesVersion };
  const cpus = chosen.map((node) => parseCpuQuantity(node.cpuCapacity) ?? 0);
  const memory = chosen.map((node) => parseMemoryGiB(node.memoryCapacity) ?? 0);
  const types = chosen.flatMap((node) => (node.instanceType === null ? [] : [node.instanceType]));
  const arch = chosen.map((node) => node.labels['kubernetes.io/arch'] ?? '');
  return {
    ...base,
    os: distinct(chosen.map((node) => node.osImage)),
    kernel: distinct(chosen.map((node, i) => `${node.kernelVersion} ${arch[i] ?? ''}`.trim())),
    // Nodes do not report their CPU model; the machine type is the comparable fact there.
    cpuModel: types.length > 0 ? distinct(types) : 'unknown',
    // The smallest node bounds what one pod could use.
    cpus: Math.max(1, Math.floor(Math.min(...cpus))),
    memoryGiB: Math.round(Math.min(...memory) * 10) / 10,
    kubernetesVersion,
    machineType: types.length > 0 ? distinct(types) : null,
  };
}
