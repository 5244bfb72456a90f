// What the gate holds each metric to: a threshold (relative; for error rate an absolute cap), an
// absolute floor below which nothing fails, and the confidence. Built from the Config, whose
// defaults live in src/config/fields.ts.
import type { Config } from '../config/types.js';
import type { MetricId } from '../results/schema.js';

export interface GateOptions {
  /** Relative increase that fails (0.1 is 10 %); for error-rate the absolute increase of the rate. */
  thresholds: Record<MetricId, number>;
  /** Absolute changes below these never fail, in the metric's unit. */
  floors: { latencyMs: number; cpuCores: number; memoryMiB: number };
  /** Confidence of each one-sided interval before the Holm correction (0.95). */
  confidence: number;
}

export function gateOptionsFromConfig(config: Config): GateOptions {
  return {
    thresholds: {
      'latency-p50': config.thresholdP50,
      'latency-p99': config.thresholdP99,
      'latency-p999': config.thresholdP999,
      'error-rate': config.errorRateCap,
      cpu: config.thresholdCpu,
      memory: config.thresholdMemory,
    },
    floors: {
      latencyMs: config.floorLatencyMs,
      cpuCores: config.floorCpuCores,
      memoryMiB: config.floorMemoryMiB,
    },
    confidence: config.confidence,
  };
}

/** The floor of a metric in its unit; the error rate has its cap instead, so 0. */
export function floorOf(metric: MetricId, options: GateOptions): number {
  switch (metric) {
    case 'latency-p50':
    case 'latency-p99':
    case 'latency-p999':
      return options.floors.latencyMs;
    case 'cpu':
      return options.floors.cpuCores;
    case 'memory':
      return options.floors.memoryMiB;
    case 'error-rate':
      return 0;
  }
}
