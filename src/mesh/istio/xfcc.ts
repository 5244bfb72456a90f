// Reading the identities Istio's sidecar reports to the server: the X-Forwarded-Client-Cert header
// Envoy adds on inbound mTLS (By=<server>;Hash=...;Subject="";URI=<client>), and SPIFFE ids of
// the form spiffe://<trust domain>/ns/<namespace>/sa/<service account>.

/** One element of the header: keys lower-cased (by, hash, cert, chain, subject, uri, dns). */
export type XfccElement = Record<string, string[]>;

/** Splits on `separator` outside double quotes; a backslash escapes the next character. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '\\' && quoted && i + 1 < text.length) {
      current += char + text.charAt(i + 1);
      i++;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return trimmed;
}

/** Envoy's format: elements separated by ",", key=value pairs by ";", values optionally quoted. */
export function parseXfcc(header: string): XfccElement[] {
  return splitOutsideQuotes(header, ',')
    .map((element) => {
      const pairs: XfccElement = {};
      for (const pair of splitOutsideQuotes(element, ';')) {
        const at = pair.indexOf('=');
        if (at <= 0) continue;
        const key = pair.slice(0, at).trim().toLowerCase();
        (pairs[key] ??= []).push(unquote(pair.slice(at + 1)));
      }
      return pairs;
    })
    .filter((pairs) => Object.keys(pairs).length > 0);
}

export interface SpiffeIdentity {
  trustDomain: string;
  namespace: string;
  serviceAccount: string;
}

export function parseSpiffeId(uri: string): SpiffeIdentity | null {
  const match = /^spiffe:\/\/([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(uri.trim());
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { trustDomain: match[1], namespace: match[2], serviceAccount: match[3] };
}

export function isIdentityOf(uri: string, namespace: string, serviceAccount: string): boolean {
  const id = parseSpiffeId(uri);
  return id !== null && id.namespace === namespace && id.serviceAccount === serviceAccount;
}
