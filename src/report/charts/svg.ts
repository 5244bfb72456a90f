// A line chart as a standalone SVG file: title, axes with ticks and grid lines, one polyline with
// point markers per series, and a legend. Hand-written (no dependency); every piece of text is
// XML-escaped.
import { allValues, axisRange, plainNumber, ticksOf, type LineChart } from './lineChart.js';

const WIDTH = 760;
const HEIGHT = 400;
const MARGIN = { top: 56, right: 24, bottom: 84, left: 72 };
/** Beyond this many categories their labels are slanted so they do not overlap. */
const UPRIGHT_LABELS = 10;
const FONT = 'font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

export function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 forbids outright (control characters other than tab and newlines).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const fixed = (n: number): string => n.toFixed(1);

export function svgLineChart(chart: LineChart): string {
  const range = axisRange(allValues(chart));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const n = chart.categories.length;
  // Points sit in the middle of equal bands, as in mermaid's band axis.
  const x = (i: number): number => MARGIN.left + (plotW * (i + 0.5)) / Math.max(1, n);
  const y = (v: number): number =>
    MARGIN.top + plotH - ((v - range.min) / (range.max - range.min)) * plotH;
  const bottom = MARGIN.top + plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="16" font-weight="600" ${FONT} fill="#1f2328">${escapeXml(chart.title)}</text>`,
  ];
  for (const tick of ticksOf(range)) {
    const ty = fixed(y(tick));
    parts.push(
      `<line x1="${MARGIN.left}" y1="${ty}" x2="${MARGIN.left + plotW}" y2="${ty}" stroke="#d0d7de" stroke-width="1"/>`,
      `<text x="${MARGIN.left - 8}" y="${ty}" text-anchor="end" dominant-baseline="middle" font-size="11" ${FONT} fill="#57606a">${plainNumber(tick)}</text>`,
    );
  }
  const slanted = n > UPRIGHT_LABELS;
  chart.categories.forEach((category, i) => {
    const tx = fixed(x(i));
    const ty = bottom + 18;
    const placement = slanted
      ? `text-anchor="end" transform="rotate(-40 ${tx} ${ty})"`
      : 'text-anchor="middle"';
    parts.push(
      `<line x1="${tx}" y1="${bottom}" x2="${tx}" y2="${bottom + 5}" stroke="#57606a" stroke-width="1"/>`,
      `<text x="${tx}" y="${ty}" ${placement} font-size="11" ${FONT} fill="#57606a">${escapeXml(category)}</text>`,
    );
  });
  parts.push(
    `<line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + plotW}" y2="${bottom}" stroke="#57606a" stroke-width="1"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#57606a" stroke-width="1"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 16}" text-anchor="middle" font-size="12" ${FONT} fill="#1f2328">${escapeXml(chart.xTitle)}</text>`,
    `<text x="18" y="${MARGIN.top + plotH / 2}" text-anchor="middle" font-size="12" ${FONT} fill="#1f2328" transform="rotate(-90 18 ${MARGIN.top + plotH / 2})">${escapeXml(chart.yTitle)}</text>`,
  );
  for (const series of chart.series) {
    const points = series.values.map((v, i) => `${fixed(x(i))},${fixed(y(v))}`);
    parts.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${escapeXml(series.color)}" stroke-width="2"/>`,
      ...series.values.map(
        (v, i) =>
          `<circle cx="${fixed(x(i))}" cy="${fixed(y(v))}" r="3" fill="${escapeXml(series.color)}"><title>${escapeXml(`${series.name} ${chart.categories[i] ?? ''}: ${plainNumber(v)}`)}</title></circle>`,
      ),
    );
  }
  parts.push(...legend(chart));
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function legend(chart: LineChart): string[] {
  const items: string[] = [];
  let lx = MARGIN.left;
  const ly = 42;
  for (const series of chart.series) {
    items.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 18}" y2="${ly}" stroke="${escapeXml(series.color)}" stroke-width="3"/>`,
      `<text x="${lx + 24}" y="${ly}" dominant-baseline="middle" font-size="12" ${FONT} fill="#1f2328">${escapeXml(series.name)}</text>`,
    );
    lx += 40 + series.name.length * 7;
  }
  return items;
}
