// The part of fortio's JSON result (`fortio load -json -`, v1.68) that we read, as a zod schema that
// accepts what real fortio prints: RequestedQPS "max" or "" as well as a number, `Data: null` when a
// histogram is empty, RetCodes null and the error fields of a run that never started. Unknown
// fields pass through: fortio adds fields between versions.
import { z } from 'zod';
import { InfraError } from '../../errors.js';

const count = z.number().int().min(0);

export const fortioBucketSchema = z.looseObject({
  /** Seconds; the first bucket starts at Min, the last ends at Max. */
  Start: z.number(),
  End: z.number(),
  /** Cumulative percent up to and including this bucket. */
  Percent: z.number(),
  Count: count,
});
export type FortioBucket = z.infer<typeof fortioBucketSchema>;

export const fortioHistogramSchema = z
  .looseObject({
    Count: count,
    Min: z.number(),
    Max: z.number(),
    Sum: z.number(),
    Avg: z.number(),
    StdDev: z.number(),
    Data: z.array(fortioBucketSchema).nullable(),
    Percentiles: z
      .array(z.looseObject({ Percentile: z.number(), Value: z.number() }))
      .nullable()
      .optional(),
  })
  .superRefine((histogram, ctx) => {
    const inBuckets = (histogram.Data ?? []).reduce((sum, bucket) => sum + bucket.Count, 0);
    if (inBuckets !== histogram.Count) {
      ctx.addIssue({
        code: 'custom',
        message: `buckets hold ${inBuckets} values but Count is ${histogram.Count}`,
      });
    }
  });
export type FortioHistogram = z.infer<typeof fortioHistogramSchema>;

export const fortioResultSchema = z.looseObject({
  /** RFC 3339 with nanoseconds: when the measured calls began. */
  StartTime: z.string().refine((text) => Number.isFinite(Date.parse(text)), 'not a time'),
  /** "300", "max" (no rate limit), or "" in the result of a run that failed to start. */
  RequestedQPS: z.union([z.string(), z.number()]),
  /** A Go duration ("5s", "1m30s"), or "exactly 100 calls" with -n. */
  RequestedDuration: z.string(),
  ActualQPS: z.number(),
  /** Nanoseconds, from the start of the measured calls (after fortio's one warm-up call each). */
  ActualDuration: z.number(),
  NumThreads: z.number().int().min(0),
  Version: z.string().optional(),
  /** Every call, errors included. */
  DurationHistogram: fortioHistogramSchema,
  /** The calls that failed (non-2xx except 418, and socket errors). */
  ErrorsDurationHistogram: fortioHistogramSchema.optional(),
  Exactly: z.number().int().optional(),
  /** -uniform: connection i started i/qps late, so the run ends (c-1)/qps after the duration. */
  Uniform: z.boolean().optional(),
  /** HTTP status -> calls; -1 is a socket error (refused, reset, timeout). */
  RetCodes: z.record(z.string(), count).nullable().optional(),
  error: z.boolean().optional(),
  message: z.string().optional(),
  exception: z.string().optional(),
});
export type FortioResult = z.infer<typeof fortioResultSchema>;

/**
 * Parses fortio's JSON, given as text or already parsed; an unreadable result or a run that failed
 * is an infrastructure error.
 */
export function parseFortioJson(input: unknown): FortioResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      const start = input.trim().slice(0, 80);
      throw new InfraError(
        `fortio printed no JSON result (output starts: ${JSON.stringify(start)})`,
        {
          cause: error,
        },
      );
    }
  }
  const failed = z
    .looseObject({
      error: z.literal(true),
      message: z.string().optional(),
      exception: z.string().optional(),
    })
    .safeParse(value);
  if (failed.success) {
    const { message, exception } = failed.data;
    // Its histograms hold two made-up points (fortio draws them as a red block); never latencies.
    throw new InfraError(
      `fortio run failed: ${message ?? 'no message'}${exception === undefined ? '' : `: ${exception}`}`,
    );
  }
  const parsed = fortioResultSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || 'result'}: ${i.message}`,
    );
    throw new InfraError(`fortio's output is not a fortio result: ${problems.join('; ')}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
