/** Acquiring a WebGPU device with the limits large networks need. */
import { WebGpuUnavailableError } from '../errors';

export interface AcquiredDevice {
  readonly device: GPUDevice;
  readonly adapterName: string;
}

export async function acquireDevice(gpu: GPU | undefined): Promise<AcquiredDevice> {
  if (!gpu) throw new WebGpuUnavailableError('WebGPU is not available (no navigator.gpu)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGpuUnavailableError('WebGPU found no adapter');
  const l = adapter.limits;
  const device = await adapter.requestDevice({
    label: 'Engram.device',
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxStorageBuffersPerShaderStage: Math.min(l.maxStorageBuffersPerShaderStage, 8),
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      // the fused step runs a small network in one workgroup, as large as the adapter allows
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    },
  });
  const info = adapter.info;
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((x) => x && x.length > 0);
  return { device, adapterName: parts.length > 0 ? [...new Set(parts)].join(' ') : 'unknown WebGPU adapter' };
}
