// Parsers for what ztunnel tells about the data path: the workload table of
// `istioctl ztunnel-config workloads` and ztunnel's access log lines
// (`<time>\t<level>\taccess\tconnection complete\tsrc.workload="..." src.identity="..." ...`).

export interface ZtunnelWorkload {
  namespace: string;
  pod: string;
  address: string;
  node: string;
  waypoint: string;
  protocol: string;
}

const COLUMNS = ['NAMESPACE', 'POD NAME', 'ADDRESS', 'NODE', 'WAYPOINT', 'PROTOCOL'] as const;

/**
 * The table is aligned by Go's tabwriter, so each column starts where its heading starts; cutting
 * rows at those offsets keeps empty cells (a Service entry has no node) in their column. Older
 * releases head the address column IP instead of ADDRESS.
 */
export function parseZtunnelWorkloads(text: string): ZtunnelWorkload[] {
  const lines = text.split('\n');
  const headerAt = lines.findIndex((line) => /^\s*NAMESPACE\s+POD NAME\s/.test(line));
  const header = lines[headerAt];
  if (headerAt === -1 || header === undefined) {
    throw new Error('not a ztunnel workload table: no NAMESPACE / POD NAME heading');
  }
  const starts = COLUMNS.map((column) => {
    const names = column === 'ADDRESS' ? ['ADDRESS', 'IP'] : [column];
    for (const name of names) {
      const match = new RegExp(`(^|\\s)${name}(\\s|$)`).exec(header);
      if (match) return match.index + (match[1] ?? '').length;
    }
    throw new Error(`not a ztunnel workload table: no ${column} column`);
  });
  const cell = (line: string, i: number): string =>
    line.slice(starts[i] ?? 0, i + 1 < starts.length ? starts[i + 1] : undefined).trim();
  return lines
    .slice(headerAt + 1)
    .filter((line) => line.trim() !== '' && line.trim() !== '...')
    .map((line) => ({
      namespace: cell(line, 0),
      pod: cell(line, 1),
      address: cell(line, 2),
      node: cell(line, 3),
      waypoint: cell(line, 4),
      protocol: cell(line, 5),
    }));
}

export interface ZtunnelLogLine {
  time: string;
  level: string;
  target: string;
  message: string;
  fields: Record<string, string>;
}

const FIELD = /([\w.]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
// time, level, target, then the message up to the first key=value field. ztunnel separates the
// first four with tabs; copies in documentation often show spaces, so any whitespace is accepted.
const LINE = /^(\S+)\s+(\S+)\s+(\S+)\s+(.*?)\s+(?=[\w.]+=)(.*)$/;

/** One ztunnel log line, or null when the line is not in ztunnel's text format. */
export function parseZtunnelLogLine(line: string): ZtunnelLogLine | null {
  const match = LINE.exec(line.trim());
  if (!match) return null;
  const fields: Record<string, string> = {};
  for (const field of (match[5] ?? '').matchAll(FIELD)) {
    const raw = field[2] ?? '';
    fields[field[1] ?? ''] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return {
    time: match[1] ?? '',
    level: match[2] ?? '',
    target: match[3] ?? '',
    message: match[4] ?? '',
    fields,
  };
}

/** The access-log entries of completed inbound connections from `srcWorkload` to `dstWorkload`. */
export function inboundConnections(
  log: string,
  srcWorkload: string,
  dstWorkload: string,
): ZtunnelLogLine[] {
  return log
    .split('\n')
    .map(parseZtunnelLogLine)
    .filter(
      (entry): entry is ZtunnelLogLine =>
        entry !== null &&
        entry.target === 'access' &&
        entry.message === 'connection complete' &&
        entry.fields.direction === 'inbound' &&
        entry.fields['src.workload'] === srcWorkload &&
        entry.fields['dst.workload'] === dstWorkload,
    );
}
