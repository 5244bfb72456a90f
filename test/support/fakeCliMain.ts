// One fake for every CLI a cluster run starts (kind, docker, kubectl, istioctl, linkerd, cilium),
// bundled by fakeClis.ts and put on PATH under each name. It records its argv, reports the pinned
// versions in each tool's own format, answers with saved real outputs where the verifiers read
// them, and, for `istioctl ztunnel-config workloads`, lists the pods of the fake API server the
// way istioctl's table writer does. Nothing here touches a real cluster.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';

interface Env {
  record: string;
  kubeconfig: string;
  fixtures: string;
  fail: string[];
  versions: Record<string, string>;
}

const env: Env = {
  record: process.env.FAKE_CLI_RECORD ?? '',
  kubeconfig: process.env.FAKE_CLI_KUBECONFIG ?? '',
  fixtures: process.env.FAKE_CLI_FIXTURES ?? '',
  fail: JSON.parse(process.env.FAKE_CLI_FAIL ?? '[]') as string[],
  versions: JSON.parse(process.env.FAKE_CLI_VERSIONS ?? '{}') as Record<string, string>,
};

const [cli = '', ...args] = process.argv.slice(2);
const line = [cli, ...args].join(' ');

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const fixture = (file: string): string => readFileSync(path.join(env.fixtures, file), 'utf8');
const argAfter = (flag: string): string | undefined => args[args.indexOf(flag) + 1];

interface KubeTarget {
  server: string;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** The first file in KUBECONFIG that names a cluster (an overlay file only names a context). */
function kubeTarget(): KubeTarget {
  for (const file of (process.env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean)) {
    const config = parseYaml(readFileSync(file, 'utf8')) as {
      clusters?: { cluster: Record<string, string> }[];
      users?: { user: Record<string, string> }[];
    };
    const cluster = config.clusters?.[0]?.cluster;
    const user = config.users?.[0]?.user;
    if (!cluster || !user) continue;
    const b64 = (value: string | undefined): Buffer => Buffer.from(value ?? '', 'base64');
    return {
      server: cluster.server ?? '',
      ca: b64(cluster['certificate-authority-data']),
      cert: b64(user['client-certificate-data']),
      key: b64(user['client-key-data']),
    };
  }
  throw new Error('no kubeconfig with a cluster in KUBECONFIG');
}

interface PodJson {
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: { nodeName?: string };
  status?: { podIP?: string };
}

function listPods(namespace: string): Promise<PodJson[]> {
  const target = kubeTarget();
  const url = new URL(`/api/v1/namespaces/${namespace}/pods`, target.server);
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: target.ca, cert: target.cert, key: target.key }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve(
            (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: PodJson[] }).items,
          );
        });
      })
      .on('error', reject);
  });
}

/** Columns padded to the widest cell plus one space, as Go's tabwriter does for istioctl. */
function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 1))).join(''),
    )
    .join('\n');
}

async function ztunnelWorkloads(): Promise<string> {
  // Every ztunnel knows every workload of the mesh; --node only picks which one is asked.
  const namespace = argAfter('--workload-namespace') ?? '';
  const pods = await listPods(namespace);
  const rows = [['NAMESPACE', 'POD NAME', 'ADDRESS', 'NODE', 'WAYPOINT', 'PROTOCOL']];
  pods.forEach((p, i) => {
    const captured = p.metadata.annotations?.['ambient.istio.io/redirection'] === 'enabled';
    rows.push([
      namespace,
      p.metadata.name,
      `10.244.1.${i + 10}`,
      p.spec.nodeName ?? '',
      'None',
      captured ? 'HBONE' : 'TCP',
    ]);
  });
  return `${table(rows)}\n`;
}

/** The fake API server's credentials under the names kind gives them (context kind-<name>). */
function writeKindKubeconfig(): void {
  const name = `kind-${argAfter('--name') ?? 'kind'}`;
  const config = parseYaml(readFileSync(env.kubeconfig, 'utf8')) as {
    clusters: { name: string }[];
    users: { name: string }[];
    contexts: { name: string; context: { cluster: string; user: string } }[];
    'current-context': string;
  };
  for (const entry of [...config.clusters, ...config.users, ...config.contexts]) entry.name = name;
  for (const entry of config.contexts) entry.context = { cluster: name, user: name };
  config['current-context'] = name;
  writeFileSync(argAfter('--kubeconfig') ?? '', stringify(config), { mode: 0o600 });
}

async function answer(): Promise<string> {
  const version = env.versions[cli] ?? '0.0.0';
  switch (cli) {
    case 'kind':
      if (args[0] === 'version') return `kind v${version} go1.24.4 linux/amd64\n`;
      if (args[0] === 'create') {
        await readStdin();
        writeKindKubeconfig();
      }
      return '';
    case 'kubectl':
      if (args[0] === 'version') {
        return `${JSON.stringify({ clientVersion: { major: '1', gitVersion: `v${version}`, platform: 'linux/amd64' } }, null, 2)}\n`;
      }
      if (args.includes('encrypt') && args.includes('status')) {
        return fixture('mesh/cilium/encrypt-status-wireguard.txt');
      }
      if (args.includes('-')) await readStdin();
      return '';
    case 'istioctl':
      if (args[0] === 'version') return `client version: ${version}\n`;
      if (args[0] === 'ztunnel-config') return ztunnelWorkloads();
      return '';
    case 'linkerd':
      if (args[0] === 'version') return `${version}\n`;
      if (args[0] === 'check' && args.includes('--proxy'))
        return fixture('mesh/linkerd/check-proxy.txt');
      if (args[0] === 'install') return '---\n# rendered by the fake linkerd\n';
      return '';
    case 'cilium':
      if (args[0] === 'version')
        return `cilium-cli: v${version} compiled with go1.25.1 on linux/amd64\n`;
      return '';
    default:
      return '';
  }
}

appendFileSync(
  env.record,
  `${JSON.stringify({ cli, args, kubeconfig: process.env.KUBECONFIG ?? null })}\n`,
);
if (env.fail.some((prefix) => line.startsWith(prefix))) {
  process.stderr.write(`fake ${cli}: failing "${line}" as the test asked\n`);
  process.exit(1);
}
answer().then(
  (out) => {
    process.stdout.write(out);
  },
  (error: unknown) => {
    process.stderr.write(
      `fake ${cli}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
