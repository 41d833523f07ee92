/**
 * The bandwidth roofline for the benchmark: a plain vec4 copy between two
 * storage buffers, timed over many dispatches in one submit. Bytes moved =
 * 2 × buffer size per dispatch (read + write).
 */
import { SHADERS } from './shaders';

export interface CopyRoofline {
  readonly bytes: number;
  readonly gbPerSecond: number;
}

export async function measureCopyRoofline(device: GPUDevice, maxBytes = 256 * 2 ** 20, repeats = 20): Promise<CopyRoofline> {
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  const bytes = Math.floor(Math.min(maxBytes, limit) / 16) * 16;
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
  const src = device.createBuffer({ label: 'CopyRoofline.src', size: bytes, usage });
  const dst = device.createBuffer({ label: 'CopyRoofline.dst', size: bytes, usage });
  const pipeline = device.createComputePipeline({
    label: 'CopyRoofline.pipeline',
    layout: 'auto',
    compute: { module: device.createShaderModule({ label: 'CopyRoofline.wgsl', code: SHADERS.copy }), entryPoint: 'main' },
  });
  const group = device.createBindGroup({
    label: 'CopyRoofline.group',
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: src } }, { binding: 1, resource: { buffer: dst } }],
  });
  const workgroups = Math.ceil(bytes / 16 / 256);
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
  await run(2); // warm-up: pipeline compilation and first touch
  const start = performance.now();
  await run(repeats);
  const seconds = (performance.now() - start) / 1000;
  src.destroy();
  dst.destroy();
  return { bytes, gbPerSecond: (2 * bytes * repeats) / seconds / 1e9 };
}
