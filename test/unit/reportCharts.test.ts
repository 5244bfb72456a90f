// Charts: the percentile spectrum read off real histograms, the p99 trend over history, the mermaid
// xychart-beta blocks held to the grammar of mermaid 10.6, and SVG files that are well-formed XML.
import { describe, expect, it } from '@jest/globals';
import { chartFiles, chartSections } from '../../src/report/charts/chartSections.js';
import {
  axisRange,
  plainNumber,
  ticksOf,
  type LineChart,
} from '../../src/report/charts/lineChart.js';
import { mermaidText, mermaidXyChart } from '../../src/report/charts/mermaid.js';
import {
  SPECTRUM_PERCENTILES,
  spectrumChart,
  spectrumOf,
} from '../../src/report/charts/spectrum.js';
import { svgLineChart } from '../../src/report/charts/svg.js';
import { trendChart } from '../../src/report/charts/trend.js';
import type { ResultDocument } from '../../src/results/schema.js';
import { reportFixture } from '../support/verdicts.js';

const baseline = reportFixture('baseline');
const current = reportFixture('current');

describe('percentile spectrum', () => {
  it.each([0, 1])('reads scenario %d off its merged histogram, as the summary does', (i) => {
    const scenario = current.scenarios[i];
    if (!scenario) throw new Error('fixture has two scenarios');
    const values = spectrumOf(scenario);
    expect(values).toHaveLength(SPECTRUM_PERCENTILES.length);
    // The same histogram and percentiles as summary.latencyMs, so the same numbers.
    expect(values?.[0]).toBe(scenario.summary.latencyMs.p50);
    expect(values?.[2]).toBe(scenario.summary.latencyMs.p90);
    expect(values?.[3]).toBe(scenario.summary.latencyMs.p99);
    expect(values?.[4]).toBe(scenario.summary.latencyMs.p999);
    const sorted = [...(values ?? [])].sort((a, b) => a - b);
    expect(values).toEqual(sorted);
  });

  it('draws baseline and this run, or this run alone without a baseline', () => {
    const [none] = current.scenarios;
    if (!none) throw new Error('fixture has scenarios');
    expect(spectrumChart(none, baseline)?.series.map((s) => s.name)).toEqual([
      'baseline',
      'this run',
    ]);
    expect(spectrumChart(none, null)?.series.map((s) => s.name)).toEqual(['this run']);
    const empty = { ...none, summary: { ...none.summary, validTrials: 0 } };
    expect(spectrumChart(empty, baseline)).toBeNull();
  });
});

describe('p99 trend', () => {
  const at = (doc: ResultDocument, id: string, commit: string | null): ResultDocument => ({
    ...doc,
    run: { ...doc.run, id, commit },
  });

  it('draws one line per scenario over the history, this run last, commits as categories', () => {
    const history = [at(baseline, 'a', 'aaaaaaa111'), at(baseline, 'b', 'bbbbbbb222')];
    const trend = trendChart(history, at(current, 'c', 'ccccccc333'));
    expect(trend?.chart.categories).toEqual(['aaaaaaa', 'bbbbbbb', 'ccccccc']);
    expect(trend?.chart.series.map((s) => [s.name, s.values])).toEqual([
      ['none', [14.903, 14.903, 18.607]],
      ['app-mtls', [16.703, 16.703, 17.023]],
    ]);
    expect(trend?.skipped).toBe(0);
  });

  it('does not repeat this run when the history has it, and names repeated commits apart', () => {
    const trend = trendChart([baseline, current], current);
    expect(trend?.chart.categories).toEqual(['6d322ba', '6d322ba (2)']);
  });

  it('leaves out runs where a scenario has no valid trial, and needs two points', () => {
    const [none, app] = baseline.scenarios;
    if (!none || !app) throw new Error('fixture has two scenarios');
    const broken = {
      ...at(baseline, 'x', 'xxxxxxx'),
      scenarios: [none, { ...app, summary: { ...app.summary, validTrials: 0 } }],
    };
    const trend = trendChart([broken, at(baseline, 'y', 'yyyyyyy')], current);
    expect(trend?.skipped).toBe(1);
    expect(trend?.chart.categories).toEqual(['yyyyyyy', '6d322ba']);
    expect(trendChart([], current)).toBeNull();
  });
});

// The statements of mermaid 10.6's xychart grammar (packages/mermaid/src/diagrams/xychart/parser/
// xychart.jison at v10.6.0) in the forms we emit: a quoted string has no quote inside, a number
// has no exponent.
const STR = '"[^"\\n]*"';
const NUM = '[+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)';
const GRAMMAR = [
  /^```mermaid$/,
  /^%%\{init: \{"themeVariables": \{"xyChart": \{"plotColorPalette": "#[0-9a-f]{6}(?:, #[0-9a-f]{6})*"\}\}\}\}%%$/,
  /^xychart-beta$/,
  new RegExp(`^ {4}title ${STR}$`),
  new RegExp(`^ {4}x-axis ${STR} \\[${STR}(?:, ${STR})*\\]$`),
  new RegExp(`^ {4}y-axis ${STR} ${NUM} --> ${NUM}$`),
  new RegExp(`^ {4}line \\[${NUM}(?:, ${NUM})*\\]$`),
  /^```$/,
];

function checkMermaid(block: string, series: number, categories: number): void {
  const lines = block.split('\n');
  expect(lines).toHaveLength(7 + series);
  lines.forEach((line, i) => {
    const rule = GRAMMAR[Math.min(i, 6)] ?? GRAMMAR[6];
    if (i === lines.length - 1) expect(line).toMatch(/^```$/);
    else expect(line).toMatch(rule as RegExp);
  });
  const xAxis = lines[4] ?? '';
  expect(xAxis.match(/"[^"]*"/g)).toHaveLength(categories + 1);
  for (const line of lines.filter((l) => l.startsWith('    line'))) {
    expect(line.match(new RegExp(NUM, 'g'))).toHaveLength(categories);
  }
}

const hostile: LineChart = {
  title: 'a "quoted" %%{init: {}}%% `title`\nnext',
  xTitle: 'x"',
  yTitle: 'y',
  categories: ['"a"', 'b`c', 'd;e'],
  series: [
    { name: '<b>', color: '#0969da', colorName: 'blue', values: [1e-9, 123456.789, -0.0000001] },
  ],
};

describe('mermaid xychart-beta', () => {
  it('renders the spectrum and trend charts in the grammar GitHub renders', () => {
    const sections = chartSections(current, { baseline, history: [baseline] });
    const blocks = sections.flatMap((s) => s.markdown.match(/```mermaid[\s\S]*?```/g) ?? []);
    expect(blocks).toHaveLength(3);
    checkMermaid(blocks[0] ?? '', 2, 6);
    checkMermaid(blocks[1] ?? '', 2, 6);
    checkMermaid(blocks[2] ?? '', 2, 2);
    expect(blocks[0]).toContain('title "none: latency by percentile"');
    expect(blocks[0]).toContain(
      'x-axis "percentile" ["p50", "p75", "p90", "p99", "p99.9", "p99.99"]',
    );
    // xychart-beta has no legend: the text says which line is which.
    expect(sections[0]?.markdown).toContain('Lines: grey = baseline, blue = this run.');
    expect(sections[1]?.markdown).toContain('Lines: blue = none, pink = app-mtls.');
  });

  it('keeps hostile titles and tiny or huge numbers inside the grammar', () => {
    const block = mermaidXyChart(hostile);
    checkMermaid(block, 1, 3);
    expect(block).not.toMatch(/e-|%%\{init: \{\}/);
    expect(mermaidText('a"b`c%d{e}f\ng')).toBe('a b c d e f g');
  });

  it('prints numbers as plain decimals', () => {
    expect([1e-9, 0.1 + 0.2, 123.4, -0.0000001, 5].map((v) => plainNumber(v))).toEqual([
      '0',
      '0.3',
      '123.4',
      '0',
      '5',
    ]);
  });

  it.each([
    [[14.903, 18.607], { min: 14, max: 19, step: 1 }],
    [[11.5, 38.7], { min: 10, max: 40, step: 10 }],
    [[0.2, 0.2], { min: 0.18, max: 0.22, step: 0.01 }],
    [[0, 0], { min: 0, max: 1, step: 0.5 }],
  ])('picks a round y range for %j', (values, range) => {
    expect(axisRange(values)).toEqual(range);
    expect(ticksOf(range).at(-1)).toBe(range.max);
  });
});

/**
 * A small well-formedness check: every tag closed in order, attributes quoted, no raw `<` or
 * stray `&` in text, exactly one root element.
 */
function checkXml(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, close, name, , selfClose, text, stray] = m;
    if (stray !== undefined) throw new Error(`bad markup near ${xml.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      if (stack.length === 0 && text.trim() !== '') throw new Error('text outside the root');
      expect(text).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
      continue;
    }
    if (close) {
      expect(stack.pop()).toBe(name);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClose) stack.push(name ?? '');
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

describe('SVG files', () => {
  it('writes a spectrum per scenario and the trend, each well-formed with a legend', () => {
    const files = chartFiles(current, { baseline, history: [baseline] });
    expect(files.map((f) => f.name)).toEqual([
      'mesh-perf-spectrum-none.svg',
      'mesh-perf-spectrum-app-mtls.svg',
      'mesh-perf-trend.svg',
    ]);
    for (const file of files) {
      checkXml(file.svg);
      expect(file.svg.match(/<polyline /g)).toHaveLength(2);
    }
    const spectrum = files[0]?.svg ?? '';
    expect(spectrum).toContain('<title>none: latency by percentile</title>');
    expect(spectrum).toMatch(/>baseline<\/text>/);
    expect(spectrum).toMatch(/>this run<\/text>/);
    expect(spectrum).toMatch(/>p99\.99<\/text>/);
  });

  it('escapes hostile names and titles', () => {
    const svg = svgLineChart(hostile);
    checkXml(svg);
    expect(svg).toContain('&lt;b&gt;');
    expect(svg).toContain('a &quot;quoted&quot;');
    expect(svg).not.toContain('<b>');
  });

  it('the checker itself rejects broken XML', () => {
    expect(() => {
      checkXml('<svg><g></svg>');
    }).toThrow();
    expect(() => {
      checkXml('<svg><text>a < b</text></svg>');
    }).toThrow();
    expect(() => {
      checkXml('<svg><text>a & b</text></svg>');
    }).toThrow();
  });
});
