// The charts of a report: a percentile spectrum per scenario (baseline vs this run) and the p99
// trend over stored history, as mermaid blocks for the markdown and as SVG files for the disk.
import type { ResultDocument } from '../../results/schema.js';
import type { Section } from '../sections.js';
import type { LineChart } from './lineChart.js';
import { legendText, mermaidXyChart } from './mermaid.js';
import { spectrumChart } from './spectrum.js';
import { svgLineChart } from './svg.js';
import { trendChart } from './trend.js';

export const CHART_RANK = { trend: 55, spectrum: 60 } as const;

export interface ChartInputs {
  /** The reference document, for the baseline line of the spectrum; null when there is none. */
  baseline: ResultDocument | null;
  /** Stored runs under this run's comparability key, oldest first. */
  history: readonly ResultDocument[];
}

interface NamedChart {
  file: string;
  chart: LineChart;
}

function spectrumCharts(document: ResultDocument, inputs: ChartInputs): NamedChart[] {
  return document.scenarios.flatMap((scenario) => {
    const chart = spectrumChart(scenario, inputs.baseline);
    return chart ? [{ file: `mesh-perf-spectrum-${scenario.mesh}.svg`, chart }] : [];
  });
}

export function chartSections(document: ResultDocument, inputs: ChartInputs): Section[] {
  const sections: Section[] = [];
  const spectra = spectrumCharts(document, inputs);
  if (spectra.length > 0) {
    const blocks = spectra.map(({ chart }) => `${legendText(chart)}\n\n${mermaidXyChart(chart)}`);
    sections.push({
      title: 'the percentile charts',
      markdown: [
        '### Latency by percentile',
        '',
        'Read off the merged histogram of the valid trials, p50 to p99.99.',
        '',
        blocks.join('\n\n'),
      ].join('\n'),
      rank: CHART_RANK.spectrum,
    });
  }
  const trend = trendChart(inputs.history, document);
  if (trend) {
    const skipped =
      trend.skipped > 0
        ? ` ${trend.skipped} run(s) without valid trials in a scenario are left out.`
        : '';
    sections.push({
      title: 'the p99 trend chart',
      markdown: [
        '### p99 trend',
        '',
        `p99 latency of each scenario over the stored runs with these settings, this run last.${skipped} ${legendText(trend.chart)}`,
        '',
        mermaidXyChart(trend.chart),
      ].join('\n'),
      rank: CHART_RANK.trend,
    });
  }
  return sections;
}

export interface ChartFile {
  /** File name, to be written next to the result document. */
  name: string;
  svg: string;
}

export function chartFiles(document: ResultDocument, inputs: ChartInputs): ChartFile[] {
  const files = spectrumCharts(document, inputs).map(({ file, chart }) => ({
    name: file,
    svg: svgLineChart(chart),
  }));
  const trend = trendChart(inputs.history, document);
  if (trend) files.push({ name: 'mesh-perf-trend.svg', svg: svgLineChart(trend.chart) });
  return files;
}
