// Durations as users write them: what parses to how many milliseconds, and what is refused and why.
import { describe, expect, it } from '@jest/globals';
import { formatDuration, parseDuration } from '../../src/config/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h2m3s4ms', 3_723_004],
    ['5ms', 5],
    ['1.5s', 1500],
    ['0.25m', 15_000],
    [' 2s ', 2000],
    ['0', 0],
    ['0s', 0],
    ['0ms', 0],
  ])('%j is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['10', 'has no unit, which is ambiguous; add one, e.g. 10s or 10ms'],
    ['2.5', 'has no unit, which is ambiguous; add one, e.g. 2.5s or 2.5ms'],
    ['', 'is not a duration'],
    ['10 s', 'is not a duration'],
    ['-1s', 'is not a duration'],
    ['5d', 'is not a duration'],
    ['5M', 'is not a duration'],
    ['s', 'is not a duration'],
    ['1m 30s', 'is not a duration'],
    ['.5s', 'is not a duration'],
    ['10s!', 'is not a duration'],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseDuration(text)).toThrow(message);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [5, '5ms'],
    [500, '500ms'],
    [1000, '1s'],
    [1500, '1s500ms'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [86_400_000, '24h'],
    [3_723_004, '1h2m3s4ms'],
  ])('%i ms is %j and parses back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
