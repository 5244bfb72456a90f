// The p99 trend: one line per scenario over the stored history (oldest first) and this run. Runs
// where a drawn scenario has no valid trial are left out, because a line cannot have gaps.
import type { MeshId } from '../../config/types.js';
import type { ResultDocument } from '../../results/schema.js';
import { PALETTE, type LineChart } from './lineChart.js';

/** Points drawn at most; older runs drop off the left. */
export const TREND_POINTS = 30;

export interface TrendChart {
  chart: LineChart;
  /** Runs that could not be drawn (a scenario without valid trials). */
  skipped: number;
}

function p99Of(document: ResultDocument, mesh: MeshId): number | null {
  const scenario = document.scenarios.find((s) => s.mesh === mesh);
  if (!scenario || scenario.summary.validTrials === 0) return null;
  return scenario.summary.latencyMs.p99;
}

/** "abc1234" for a commit, else the run's date; made unique when two runs share one. */
function categoriesOf(runs: readonly ResultDocument[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((run) => {
    const base = run.run.commit?.slice(0, 7) ?? run.run.startedAt.slice(5, 16).replace('T', ' ');
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

export function trendChart(
  history: readonly ResultDocument[],
  current: ResultDocument,
): TrendChart | null {
  const meshes = current.scenarios.map((s) => s.mesh);
  const runs = history.some((d) => d.run.id === current.run.id)
    ? [...history]
    : [...history, current];
  const drawable = runs.filter((run) => meshes.every((mesh) => p99Of(run, mesh) !== null));
  const shown = drawable.slice(-TREND_POINTS);
  if (shown.length < 2 || meshes.length === 0) return null;
  const series = meshes.map((mesh, i) => {
    const color = PALETTE[i % PALETTE.length] ?? PALETTE[0];
    return {
      name: mesh,
      color: color.color,
      colorName: color.name,
      values: shown.map((run) => p99Of(run, mesh) ?? 0),
    };
  });
  return {
    chart: {
      title: 'p99 latency per run',
      xTitle: 'run (oldest first)',
      yTitle: 'p99 (ms)',
      categories: categoriesOf(shown),
      series,
    },
    skipped: runs.length - drawable.length,
  };
}
