// CPU and memory amounts as Kubernetes users write them: 5m or 0.005 cores, 2Mi or 2MiB. Like
// durations, a bare memory number is refused: bytes or MiB cannot be guessed safely.

const CPU = /^(\d+(?:\.\d+)?|\.\d+)(m?)$/;
const MEMORY = /^(\d+(?:\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti)(?:B)?$/;
const MIB_PER_UNIT = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 } as const;

/** Cores for "5m" (millicores, as in Kubernetes), "0.005" or "2". Throws saying what is wrong. */
export function parseCpuQuantity(text: string): number {
  const match = CPU.exec(text.trim());
  if (!match) throw new Error('is not a CPU amount');
  const amount = Number(match[1]);
  return match[2] === 'm' ? amount / 1000 : amount;
}

/** MiB for "512KiB", "2MiB", "2Mi", "1GiB" or "0". Throws saying what is wrong. */
export function parseMemorySize(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const match = MEMORY.exec(trimmed);
  if (!match) {
    throw new Error(
      /^\d+(?:\.\d+)?$/.test(trimmed)
        ? `has no unit, which is ambiguous; add one, e.g. ${trimmed}MiB`
        : 'is not a memory size',
    );
  }
  return Number(match[1]) * MIB_PER_UNIT[match[2] as keyof typeof MIB_PER_UNIT];
}

/** The spelling that parses back to the same cores: millicores when whole, else cores. */
export function formatCpuQuantity(cores: number): string {
  const milli = Math.round(cores * 1e6) / 1e3;
  return Number.isInteger(milli) ? `${milli}m` : String(cores);
}

export function formatMemorySize(mib: number): string {
  return mib === 0 ? '0' : `${mib}MiB`;
}
