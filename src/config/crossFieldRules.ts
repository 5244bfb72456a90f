// Rules between fields of the configuration, reported together with the per-field problems; each
// names the field a user would change and, through RELATED_SOURCE, where the other value came from.
import type { z } from 'zod';
import { MIN_CILIUM_ZTUNNEL_VERSION, isAtLeast } from '../mesh/meshVersions.js';
import { formatDuration } from './duration.js';
import type { FieldKey } from './fields.js';
import type { Fields } from './schema.js';
import { LOCAL_MESHES, PROVIDERS } from './types.js';

/**
 * Extra facts on a cross-field issue: the other field involved, and what is allowed here. The
 * message holds RELATED_SOURCE where loadConfig says where the other value came from.
 */
export interface IssueParams {
  related?: FieldKey;
  allowed?: string;
}

export const RELATED_SOURCE = '{related-source}';

const orList = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
const CLUSTER_PROVIDERS = orList(PROVIDERS.filter((p) => p !== 'local'));

/**
 * Rules between fields; each names the field a user would change. A rule runs only when the fields
 * it reads are valid themselves, so these are reported together with the per-field problems.
 */
export function crossField(raw: Fields, ctx: z.RefinementCtx<Fields>): void {
  const failed = new Set(ctx.issues.map((issue) => issue.path?.[0]));
  const valid = (...keys: FieldKey[]): boolean => keys.every((key) => !failed.has(key));
  const add = (key: FieldKey, message: string, params: IssueParams): void => {
    ctx.addIssue({ code: 'custom', path: [key], message, params });
  };

  if (valid('provider', 'mesh') && raw.provider === 'local') {
    for (const mesh of raw.mesh.filter((m) => !LOCAL_MESHES.includes(m))) {
      add(
        'mesh',
        `"${mesh}" cannot run with provider "local"${RELATED_SOURCE}; it needs a cluster provider: ${CLUSTER_PROVIDERS}`,
        { related: 'provider', allowed: `${LOCAL_MESHES.join(', ')} (with provider "local")` },
      );
    }
  }
  if (
    valid('provider', 'placement') &&
    raw.provider === 'local' &&
    raw.placement === 'cross-node'
  ) {
    add(
      'placement',
      `"cross-node" cannot run with provider "local"${RELATED_SOURCE}; it needs a cluster provider: ${CLUSTER_PROVIDERS}`,
      { related: 'provider', allowed: 'same-node (with provider "local")' },
    );
  }
  if (valid('provider') && raw.provider === 'gke') {
    for (const key of ['gke-project', 'gke-zone'] as const) {
      if (valid(key) && raw[key] === null) {
        add(key, `not set; provider "gke"${RELATED_SOURCE} needs it`, { related: 'provider' });
      }
    }
  }
  if (
    valid('provider', 'placement', 'nodes') &&
    (raw.provider === 'kind' || raw.provider === 'gke') &&
    raw.placement === 'cross-node' &&
    raw.nodes < 2
  ) {
    add(
      'nodes',
      `${raw.nodes} worker node cannot hold client and server apart for placement "cross-node"${RELATED_SOURCE}`,
      { related: 'placement', allowed: 'at least 2 with placement "cross-node"' },
    );
  }
  if (valid('request-timeout', 'server-delay') && raw['request-timeout'] <= raw['server-delay']) {
    add(
      'request-timeout',
      `${formatDuration(raw['request-timeout'])} is not longer than server-delay ${formatDuration(raw['server-delay'])}${RELATED_SOURCE}`,
      { related: 'server-delay' },
    );
  }
  if (
    valid('request-timeout', 'server-delay', 'inject-delay') &&
    raw['inject-delay'] > 0 &&
    raw['request-timeout'] <= raw['server-delay'] + raw['inject-delay']
  ) {
    add(
      'inject-delay',
      `${formatDuration(raw['inject-delay'])} added to server-delay ${formatDuration(raw['server-delay'])} is not shorter than request-timeout ${formatDuration(raw['request-timeout'])}${RELATED_SOURCE}`,
      { related: 'request-timeout' },
    );
  }
  if (
    valid('save-baseline', 'baseline') &&
    raw['save-baseline'] === true &&
    raw.baseline.store === 'none'
  ) {
    add('save-baseline', `true has nowhere to store the run: baseline is none${RELATED_SOURCE}`, {
      related: 'baseline',
      allowed: 'auto or false with baseline none; true with baseline git-branch or a file path',
    });
  }
  if (
    valid('cilium-encryption', 'cilium-version') &&
    raw['cilium-encryption'] === 'ztunnel' &&
    !isAtLeast('cilium', raw['cilium-version'], MIN_CILIUM_ZTUNNEL_VERSION)
  ) {
    add(
      'cilium-encryption',
      `"ztunnel" needs cilium-version ${MIN_CILIUM_ZTUNNEL_VERSION} or newer, not ${raw['cilium-version']}${RELATED_SOURCE}`,
      { related: 'cilium-version' },
    );
  }
  if (valid('workers', 'connections') && raw.workers !== 'auto' && raw.workers > raw.connections) {
    // The builtin engine gives every worker thread its own share of the connections.
    add(
      'workers',
      `${raw.workers} is more than connections ${raw.connections}${RELATED_SOURCE}; each worker needs at least one connection`,
      { related: 'connections' },
    );
  }
}
