// Argument lists for `gcloud container clusters`. gcloud comes with the runner or a setup action
// and is authenticated by the workflow (e.g. workload identity federation); it is never downloaded.

/** A zone ("us-central1-a") or a region ("us-central1"). */
export type GkeLocation = { zone: string } | { region: string };

export function gkeLocation(value: string): GkeLocation {
  return /-[a-z]$/.test(value) ? { zone: value } : { region: value };
}

function locationArgs(location: GkeLocation): string[] {
  return 'zone' in location ? ['--zone', location.zone] : ['--region', location.region];
}

export interface GkeCreateOptions {
  name: string;
  project: string;
  location: GkeLocation;
  machineType: string;
  /** Nodes per zone. */
  numNodes: number;
  labels: Readonly<Record<string, string>>;
  /** A release channel, or an exact cluster version (which then takes precedence). */
  releaseChannel?: 'rapid' | 'regular' | 'stable';
  clusterVersion?: string;
}

export function gcloudCreateClusterArgs(o: GkeCreateOptions): string[] {
  const labels = Object.entries(o.labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  return [
    'container',
    'clusters',
    'create',
    o.name,
    '--project',
    o.project,
    ...locationArgs(o.location),
    '--machine-type',
    o.machineType,
    '--num-nodes',
    String(o.numNodes),
    '--labels',
    labels,
    ...(o.clusterVersion !== undefined
      ? ['--cluster-version', o.clusterVersion]
      : ['--release-channel', o.releaseChannel ?? 'regular']),
    '--quiet',
  ];
}

/** Writes credentials to the file named by KUBECONFIG in the command's environment. */
export function gcloudGetCredentialsArgs(o: {
  name: string;
  project: string;
  location: GkeLocation;
}): string[] {
  return [
    'container',
    'clusters',
    'get-credentials',
    o.name,
    '--project',
    o.project,
    ...locationArgs(o.location),
  ];
}

/** Asynchronous: the job does not wait the minutes a deletion takes. */
export function gcloudDeleteClusterArgs(o: {
  name: string;
  project: string;
  location: GkeLocation;
}): string[] {
  return [
    'container',
    'clusters',
    'delete',
    o.name,
    '--project',
    o.project,
    ...locationArgs(o.location),
    '--async',
    '--quiet',
  ];
}
