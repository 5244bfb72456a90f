// Reads a Cilium agent's encryption state from `cilium-dbg encrypt status` ("Encryption: Wireguard",
// an "Interface:" block per WireGuard device with "Number of peers: N"; for IPsec "Keys in use: N"
// and "Errors: N") and from the one-line form of `cilium-dbg status`
// ("Encryption: Wireguard [NodeEncryption: Disabled, cilium_wg0 (Pubkey: ..., Port: 51871, Peers: 2)]").

export interface WireguardInterface {
  name: string;
  peers: number | null;
}

export interface EncryptStatus {
  /** As the agent spells it: Disabled, IPsec, Wireguard (Ztunnel in newer agents). */
  mode: string;
  wireguard: WireguardInterface[];
  ipsec: { keysInUse: number | null; errors: number | null; decryptInterfaces: string[] } | null;
}

const count = (text: string): number | null => (/^\d+$/.test(text) ? Number(text) : null);

export function parseEncryptStatus(output: string): EncryptStatus {
  let mode: string | null = null;
  const wireguard: WireguardInterface[] = [];
  let ipsec: EncryptStatus['ipsec'] = null;
  const ipsecState = (): NonNullable<EncryptStatus['ipsec']> =>
    (ipsec ??= { keysInUse: null, errors: null, decryptInterfaces: [] });
  for (const raw of output.split(/\r?\n/)) {
    const at = raw.indexOf(':');
    if (at === -1) continue;
    const key = raw.slice(0, at).trim();
    const value = raw.slice(at + 1).trim();
    switch (key) {
      case 'Encryption': {
        const oneLine = /^(\S+)\s*(?:\[(.*)\])?$/.exec(value);
        mode = oneLine?.[1] ?? value;
        for (const device of (oneLine?.[2] ?? '').matchAll(
          /(\S+) \(Pubkey: [^,]*, Port: \d+, Peers: (\d+)\)/g,
        )) {
          wireguard.push({ name: device[1] ?? '', peers: count(device[2] ?? '') });
        }
        break;
      }
      case 'Interface':
        wireguard.push({ name: value, peers: null });
        break;
      case 'Number of peers': {
        const last = wireguard.at(-1);
        if (last) last.peers = count(value);
        break;
      }
      case 'Keys in use':
        ipsecState().keysInUse = count(value);
        break;
      case 'Errors':
        ipsecState().errors = count(value);
        break;
      case 'Decryption interface(s)':
        ipsecState().decryptInterfaces = value === '' ? [] : value.split(/,\s*/);
        break;
      default:
        break;
    }
  }
  if (mode === null) throw new Error('no "Encryption:" line in the agent\'s output');
  return { mode, wireguard, ipsec };
}
