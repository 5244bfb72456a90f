// A cluster run as data: each command, manifest, wait and check is a Step built by pure functions
// from the configuration, so `--dry-run` prints exactly what a real run would execute and tests
// assert on the same values the executor receives.
import { stringify } from 'yaml';

/** A Kubernetes object as sent to the API (apiVersion, kind, metadata, ...). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<
    string,
    unknown
  >;
  [field: string]: unknown;
}

/** What a wait step polls for; each is checked through the Kubernetes API, never a fixed sleep. */
export type WaitTarget =
  | { type: 'nodes-ready' }
  | { type: 'crd-established'; name: string }
  | { type: 'deployment-available'; namespace: string; name: string }
  | { type: 'daemonset-ready'; namespace: string; name: string }
  | { type: 'pods-ready'; namespace: string; labelSelector: string }
  | { type: 'pod-completed'; namespace: string; name: string };

export function describeWait(target: WaitTarget): string {
  switch (target.type) {
    case 'nodes-ready':
      return 'every node is Ready';
    case 'crd-established':
      return `CustomResourceDefinition ${target.name} is Established`;
    case 'deployment-available':
      return `deployment ${target.namespace}/${target.name} is Available with all replicas updated`;
    case 'daemonset-ready':
      return `daemonset ${target.namespace}/${target.name} has every scheduled pod ready`;
    case 'pods-ready':
      return `pods in ${target.namespace} matching ${target.labelSelector} are Ready`;
    case 'pod-completed':
      return `pod ${target.namespace}/${target.name} has completed`;
  }
}

/** Secrets the run generates itself (see the `generated-secret` step). */
export const SECRET_GENERATORS = ['cilium-ipsec-keys', 'cilium-ztunnel-secrets'] as const;
export type SecretGenerator = (typeof SECRET_GENERATORS)[number];

export type Step =
  /** An external CLI, spawned with an argument array (never a shell string). */
  | {
      kind: 'command';
      title: string;
      command: string;
      args: readonly string[];
      /** Standard input, e.g. manifests piped to `kubectl apply -f -`. */
      stdin?: string;
      /**
       * Standard input taken from another command's standard output, as a shell pipe would
       * (`linkerd install | kubectl apply -f -`); a non-zero exit of either fails the step.
       */
      stdinFrom?: { command: string; args: readonly string[] };
      timeoutMs: number;
      /** Set when a failure is logged instead of stopping the run: why it can be done without. */
      bestEffort?: string;
    }
  /**
   * A Secret whose contents (keys) are generated only when the step runs, so that no plan, dry
   * run or log ever holds them; src/mesh/generatedSecrets.ts builds it.
   */
  | {
      kind: 'generated-secret';
      title: string;
      namespace: string;
      name: string;
      generator: SecretGenerator;
    }
  /** Objects created or updated through the Kubernetes API (server-side apply). */
  | { kind: 'apply'; title: string; objects: readonly KubeObject[] }
  /** A readiness condition polled through the API until it holds or the timeout passes. */
  | { kind: 'wait'; title: string; target: WaitTarget; timeoutMs: number }
  /** A check whose failure makes the scenario an infrastructure error (e.g. mTLS verification). */
  | { kind: 'verify'; title: string; checks: readonly string[] };

/** Quotes an argument for display only: what a user could paste into a shell. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The dry-run rendering of one step: a title line, then the argv or the manifests. */
export function formatStep(step: Step): string {
  switch (step.kind) {
    case 'command': {
      const source =
        step.stdinFrom === undefined
          ? ''
          : `${[step.stdinFrom.command, ...step.stdinFrom.args].map(shellQuote).join(' ')} | `;
      const line = source + [step.command, ...step.args].map(shellQuote).join(' ');
      const input =
        step.stdin === undefined ? '' : `\n  (with ${step.stdin.length} bytes on stdin)`;
      const optional =
        step.bestEffort === undefined
          ? ''
          : `\n  (if this fails, the run goes on: ${step.bestEffort})`;
      return `${step.title}\n  $ ${line}${input}${optional}`;
    }
    case 'apply':
      return `${step.title}\n${step.objects
        // No YAML anchors: a reviewer reads every manifest whole.
        .map((o) => `---\n${stringify(o, { aliasDuplicateObjects: false }).trimEnd()}`)
        .join('\n')
        .replace(/^/gm, '  ')}`;
    case 'wait':
      return `${step.title}\n  wait until ${describeWait(step.target)} (at most ${Math.round(step.timeoutMs / 1000)} s)`;
    case 'verify':
      return `${step.title}\n${step.checks.map((c) => `  check: ${c}`).join('\n')}`;
    case 'generated-secret':
      return `${step.title}\n  create Secret ${step.namespace}/${step.name} (${step.generator}), generated when the step runs; its contents are never printed`;
  }
}
