// How the gate's reasons spell numbers: signed changes, points of error rate, amounts in units.
import { describe, expect, it } from '@jest/globals';
import { formatAmount, formatChange } from '../../src/compare/comparisonText.js';

describe('numbers in reasons', () => {
  it.each<[number, 'relative' | 'points', string]>([
    [0.1234, 'relative', '+12.3%'],
    [-0.0003, 'relative', '0.0%'],
    [-0.5, 'relative', '-50.0%'],
    [0.0005, 'points', '+0.05 pp'],
    [0, 'points', '0 pp'],
  ])('%f as %s is %s', (value, kind, text) => {
    expect(formatChange(value, kind)).toBe(text);
  });

  it.each<[number, Parameters<typeof formatAmount>[1], string]>([
    [1, 'ms', '1 ms'],
    [0.005, 'cores', '5 millicores'],
    [1.25, 'cores', '1.25 cores'],
    [2, 'MiB', '2 MiB'],
    [0.0005, 'fraction', '0.05%'],
  ])('%f %s is %s', (value, unit, text) => {
    expect(formatAmount(value, unit)).toBe(text);
  });
});
