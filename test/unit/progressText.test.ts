// The live progress line: counts when the engine has them (builtin), time only when it has none
// until the end (fortio).
import { describe, expect, it } from '@jest/globals';
import type { LoadProgress } from '../../src/load/types.js';
import { progressText } from '../../src/report/progress.js';

const progress: LoadProgress = {
  type: 'progress',
  phase: 'measure',
  elapsedMs: 3000,
  totalMs: 10_000,
  sent: 600,
  completed: 590,
  errors: 2,
  currentRps: 199.5,
};

describe('progressText', () => {
  it('shows rate, sent and errors from an engine that counts as it goes', () => {
    expect(progressText('[1/4] none #1', progress)).toBe(
      '[1/4] none #1  measure 3.0s/10.0s (7.0s left)  rate 199.5/s  sent 600  errors 2',
    );
  });

  it('shows only the time for an engine that reports its counts at the end', () => {
    const fortio: LoadProgress = {
      ...progress,
      sent: 0,
      errors: 0,
      currentRps: 0,
      countsUnknown: true,
    };
    expect(progressText('[1/4] none #1', fortio)).toBe(
      '[1/4] none #1  measure 3.0s/10.0s (7.0s left)',
    );
  });
});
