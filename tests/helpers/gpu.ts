// WebGPU device for tests: Dawn in Node (SwiftShader on machines without a GPU;
// vitest.config.ts sets the driver before Dawn loads).
import { acquireDevice, type AcquiredDevice } from '../../src/engine/gpu/device';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';

/** A fresh device (a GpuBackend destroys its device on dispose). */
export function testDevice(): Promise<AcquiredDevice> {
  return acquireDevice(nodeGpu());
}
