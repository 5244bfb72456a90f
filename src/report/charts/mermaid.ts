// A line chart as a mermaid `xychart-beta` block, which GitHub renders in comments and job
// summaries (no image hosting). The syntax kept to is the one of mermaid 10.6, the oldest GitHub
// has shipped with xychart: double-quoted titles and categories with no quote inside, plain decimal
// numbers (its lexer reads no exponent), colours through the init directive's plotColorPalette.
// xychart-beta draws no legend: the caller says in text which line is which.
import { allValues, axisRange, plainNumber, type LineChart } from './lineChart.js';

/**
 * Text safe inside a mermaid string: no quote (ends the string), no backtick (could end the code
 * fence), no %, {, } (directive syntax), no newline; anything else outside a plain set becomes a
 * space.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[^A-Za-z0-9 ._:/()+\-,']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

export function mermaidXyChart(chart: LineChart): string {
  const range = axisRange(allValues(chart));
  const palette = chart.series.map((s) => s.color).join(', ');
  const categories = chart.categories.map((c) => `"${mermaidText(c)}"`).join(', ');
  return [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `    title "${mermaidText(chart.title)}"`,
    `    x-axis "${mermaidText(chart.xTitle)}" [${categories}]`,
    `    y-axis "${mermaidText(chart.yTitle)}" ${plainNumber(range.min)} --> ${plainNumber(range.max)}`,
    ...chart.series.map((s) => `    line [${s.values.map((v) => plainNumber(v)).join(', ')}]`),
    '```',
  ].join('\n');
}

/** "Lines: grey = baseline, blue = this run." */
export function legendText(chart: LineChart): string {
  return `Lines: ${chart.series.map((s) => `${s.colorName} = ${s.name}`).join(', ')}.`;
}
