// The one chart model behind both renderings (mermaid in markdown, SVG files): named categories on
// x, one or more lines of numbers, and a y range with round ticks.

export interface Series {
  name: string;
  /** CSS colour; mermaid gets them as its palette, in series order. */
  color: string;
  /** Its word, for the text that says which line is which (mermaid draws no legend). */
  colorName: string;
  /** One value per category. */
  values: number[];
}

export interface LineChart {
  title: string;
  xTitle: string;
  yTitle: string;
  categories: string[];
  series: Series[];
}

export interface AxisRange {
  min: number;
  max: number;
  step: number;
}

/** GitHub Primer colours that read on light and dark themes alike. */
export const PALETTE = [
  { color: '#0969da', name: 'blue' },
  { color: '#bf3989', name: 'pink' },
  { color: '#1a7f37', name: 'green' },
  { color: '#bc4c00', name: 'orange' },
  { color: '#8250df', name: 'purple' },
  { color: '#6e7781', name: 'grey' },
] as const;

export const BASELINE_COLOR = { color: '#6e7781', name: 'grey' } as const;
export const CURRENT_COLOR = { color: '#0969da', name: 'blue' } as const;

/** 1, 2 or 5 times a power of ten, at least `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A y range that holds every value with round ticks (about `ticks` of them). Not forced to start
 * at zero: latencies near 200 ms that differ by a few percent would otherwise look identical.
 */
export function axisRange(values: readonly number[], ticks = 5): AxisRange {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { min: 0, max: 1, step: 0.2 };
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  const nonNegative = low >= 0;
  if (high === low) {
    const pad = high === 0 ? 1 : Math.abs(high) * 0.1;
    low -= pad;
    high += pad;
  }
  const step = niceStep((high - low) / ticks);
  // The epsilon keeps 0.22 / 0.01 = 22.000000000000004 from rounding up to 23.
  const min = Math.max(nonNegative ? 0 : -Infinity, Math.floor(low / step + 1e-9) * step);
  const max = Math.ceil(high / step - 1e-9) * step;
  return { min: round(min, step), max: round(max, step), step };
}

/** Removes floating-point dust (0.30000000000000004) at the step's precision. */
function round(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(digits));
}

/** Tick values from min to max inclusive. */
export function ticksOf(range: AxisRange): number[] {
  const ticks: number[] = [];
  const count = Math.round((range.max - range.min) / range.step);
  for (let i = 0; i <= count && i <= 100; i++)
    ticks.push(round(range.min + i * range.step, range.step));
  return ticks;
}

/** A number as plain decimal text (never exponent notation), without trailing zeros. */
export function plainNumber(value: number, digits = 3): string {
  // toFixed switches to exponent notation from 1e21; no latency or count comes near.
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return '0';
  const text = value.toFixed(digits);
  if (Number(text) === 0) return '0';
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export function allValues(chart: LineChart): number[] {
  return chart.series.flatMap((s) => s.values);
}
