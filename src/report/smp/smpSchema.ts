// The Service Mesh Performance (SMP) spec's messages that a mesh-perf result maps onto, in the
// proto3 canonical JSON form (lowerCamelCase names, int64 as strings, enums by name, Timestamps as
// RFC 3339 strings). Source: github.com/service-mesh-performance/service-mesh-performance, tag
// v0.6.1, protos/service_mesh_performance.proto and protos/service_mesh.proto; the proto field
// numbers are noted so each name can be checked against the spec.
import { z } from 'zod';

export const SMP_VERSION = 'v0.6.1';

const stringMap = z.record(z.string(), z.string());
/** proto3 JSON writes int64 as a decimal string. */
const int64 = z.string().regex(/^-?\d+$/);
const int32 = z.number().int();

/** PerformanceTestResult.Latency, milliseconds. */
export const smpLatencySchema = z.strictObject({
  min: z.number(), // 1
  average: z.number(), // 2
  p50: z.number(), // 3
  p90: z.number(), // 4
  p99: z.number(), // 5
  max: z.number(), // 6
});

export const smpPerformanceTestResultSchema = z.strictObject({
  smpVersion: z.string(), // 1
  id: z.string(), // 2
  labels: stringMap, // 3
  startTime: z.iso.datetime(), // 4, google.protobuf.Timestamp
  endTime: z.iso.datetime(), // 5
  latenciesMs: smpLatencySchema, // 6
  actualQps: z.number(), // 7
  testId: z.string(), // 9
  meshConfigId: z.string(), // 10
  envId: z.string(), // 11
});

export const smpClientSchema = z.strictObject({
  internal: z.boolean(), // 1
  loadGenerator: z.string(), // 2
  protocol: z.enum(['PROTOCOL_HTTP', 'PROTOCOL_TCP', 'PROTOCOL_UDP', 'PROTOCOL_GRPC']), // 3
  connections: int32, // 4
  rps: int64, // 5
  additionalOptions: z.string(), // 12
});

export const smpPerformanceTestConfigSchema = z.strictObject({
  smpVersion: z.string(), // 1
  id: z.string(), // 2
  name: z.string(), // 3
  labels: stringMap, // 4
  clients: z.array(smpClientSchema), // 5
  duration: z.string(), // 6
});

/** ServiceMesh (service_mesh.proto). */
export const smpServiceMeshSchema = z.strictObject({
  type: z.enum(['ISTIO', 'LINKERD', 'CILIUM_SERVICE_MESH']), // 1, the values we use
  version: z.string(), // 2
  labels: stringMap, // 3
});

const resourceUse = z.strictObject({
  count: int32, // 1
  cpuMcores: int32, // 2
  memMb: int32, // 3
});

export const smpServiceMeshConfigSchema = z.strictObject({
  smpVersion: z.string(), // 1
  id: z.string(), // 2
  labels: stringMap, // 3
  sidecar: resourceUse.optional(), // 5
  meshControlPlane: resourceUse.optional(), // 8
  mtlsEnabled: z.boolean(), // 11
  meshBuild: z.string().optional(), // 13
  profile: z.string().optional(), // 17
  meshType: smpServiceMeshSchema.optional(), // 18
});

export const smpEnvironmentConfigSchema = z.strictObject({
  smpVersion: z.string(), // 1
  id: z.string(), // 2
  labels: stringMap, // 3
  kubernetesVersion: z.string().optional(), // 4
  nodes: z.array(
    z.strictObject({
      type: z.string(), // 1
      cores: int32, // 2
      memMb: int64, // 3
    }),
  ), // 5
  individualWorkloads: z.array(
    z.strictObject({
      name: z.string(), // 1
      count: int32, // 2
      cpuMcores: int32, // 3
      memMb: int32, // 4
    }),
  ), // 6
});

/**
 * The spec has no container for a multi-scenario run, so the export is this envelope: the shared
 * test config, then per scenario the spec's mesh config, environment and result.
 */
export const smpExportSchema = z.strictObject({
  smpVersion: z.literal(SMP_VERSION),
  performanceTestConfig: smpPerformanceTestConfigSchema,
  scenarios: z.array(
    z.strictObject({
      mesh: z.string(),
      serviceMeshConfig: smpServiceMeshConfigSchema,
      environmentConfig: smpEnvironmentConfigSchema,
      performanceTestResult: smpPerformanceTestResultSchema,
    }),
  ),
});

export type SmpExport = z.infer<typeof smpExportSchema>;
export type SmpServiceMeshConfig = z.infer<typeof smpServiceMeshConfigSchema>;
export type SmpEnvironmentConfig = z.infer<typeof smpEnvironmentConfigSchema>;
export type SmpPerformanceTestResult = z.infer<typeof smpPerformanceTestResultSchema>;
