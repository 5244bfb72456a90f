// The external CLIs a cluster run may download and pin; gcloud and docker come with the runner and
// are never downloaded.
export const TOOL_NAMES = ['kind', 'kubectl', 'istioctl', 'linkerd', 'cilium'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}
