// Argument lists for docker: images are pulled once on the runner and then loaded into the kind
// nodes, so the nodes never pull from a registry (and never hit its rate limits).

export function dockerPullArgs(image: string): string[] {
  return ['pull', image];
}
