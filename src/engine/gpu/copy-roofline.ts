/**
 * The bandwidth roofline for the benchmark: a plain vec4 copy between two
 * storage buffers (shaders/bench/copy.wgsl), timed over many dispatches in
 * one submit. Bytes moved = 2 × buffer size per dispatch (read + write).
 *
 * The buffer is 256 MiB on a fast device (far beyond any GPU's L2, so the
 * figure is DRAM bandwidth) but shrinks on a slow one, where a 256 MiB copy
 * would take seconds (SwiftShader copies well under 1 GB/s); the number of
 * dispatches is chosen to fill about `targetSeconds`.
 */
import { SHADERS } from './shaders';

export interface CopyRoofline {
  /** Size of each buffer (bytes). */
  readonly bytes: number;
  readonly repeats: number;
  readonly seconds: number;
  readonly gbPerSecond: number;
}

const MIB = 2 ** 20;
const WORKGROUP = 256;

export async function measureCopyRoofline(device: GPUDevice, maxBytes = 256 * MIB, targetSeconds = 0.5): Promise<CopyRoofline> {
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize, maxBytes);
  const pipeline = device.createComputePipeline({
    label: 'CopyRoofline.pipeline',
    layout: 'auto',
    compute: { module: device.createShaderModule({ label: 'CopyRoofline.wgsl', code: SHADERS.copy }), entryPoint: 'main' },
  });

  const timeCopies = async (bytes: number, repeats: number): Promise<number> => {
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    const src = device.createBuffer({ label: 'CopyRoofline.src', size: bytes, usage });
    const dst = device.createBuffer({ label: 'CopyRoofline.dst', size: bytes, usage });
    const group = device.createBindGroup({
      label: 'CopyRoofline.group',
      layout: pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: src } }, { binding: 1, resource: { buffer: dst } }],
    });
    // 2-D dispatch past 65,535 workgroups (ARCHITECTURE.md "Kernels"); the shader folds y into the index.
    const workgroups = Math.ceil(bytes / 16 / WORKGROUP);
    const maxDim = device.limits.maxComputeWorkgroupsPerDimension;
    const [x, y] = workgroups > maxDim ? [maxDim, Math.ceil(workgroups / maxDim)] : [workgroups, 1];
    const run = async (count: number) => {
      const enc = device.createCommandEncoder({ label: 'CopyRoofline.encoder' });
      const pass = enc.beginComputePass({ label: 'CopyRoofline.pass' });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      for (let r = 0; r < count; r++) pass.dispatchWorkgroups(x, y);
      pass.end();
      device.queue.submit([enc.finish()]);
      await device.queue.onSubmittedWorkDone();
    };
    try {
      await run(1); // first touch of the buffers, pipeline compilation
      const start = performance.now();
      await run(repeats);
      return (performance.now() - start) / 1000;
    } finally {
      src.destroy();
      dst.destroy();
    }
  };

  // Probe with 16 MiB, then size the buffer so one dispatch takes at most ~1/10 of the target.
  const probeBytes = Math.min(16 * MIB, Math.floor(limit / 16) * 16);
  const probe = await timeCopies(probeBytes, 2);
  const perByte = probe / (2 * probeBytes);
  let bytes = probeBytes;
  while (bytes * 2 <= limit && perByte * bytes * 2 <= targetSeconds / 10) bytes *= 2;
  const repeats = Math.max(3, Math.min(500, Math.round(targetSeconds / Math.max(perByte * bytes, 1e-9))));
  const seconds = await timeCopies(bytes, repeats);
  return { bytes, repeats, seconds, gbPerSecond: (2 * bytes * repeats) / seconds / 1e9 };
}
