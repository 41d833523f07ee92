// The counter-based RNG is bit-identical in TypeScript (src/model/rng.ts) and WGSL (shaders/common/rng.wgsl).
import { describe, expect, it } from 'vitest';
import { rngNormal, rngU32, rngUniform } from '../../src/model/rng';
import { SHADERS } from '../../src/engine/gpu/shaders';
import { testDevice } from '../helpers/gpu';

const N = 4096;
const keys = (i: number) => [(i * 2654435761) >>> 0, (i ^ 0xdeadbeef) >>> 0, i * 7 + 1, i % 13] as const;

describe('RNG: TypeScript vs WGSL', () => {
  it('gives identical u32 and uniform bits, and normals to f32 rounding', async () => {
    const { device } = await testDevice();
    const code = `${SHADERS.rng}
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= ${N}u) { return; }
  let seed = i * 2654435761u;
  let step = i ^ 0xdeadbeefu;
  let index = i * 7u + 1u;
  let stream = i % 13u;
  out[3u * i] = rng_u32(seed, step, index, stream);
  out[3u * i + 1u] = bitcast<u32>(rng_uniform(seed, step, index, stream));
  out[3u * i + 2u] = bitcast<u32>(rng_normal(seed, step, index, stream));
}`;
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
    const out = device.createBuffer({ size: N * 12, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const read = device.createBuffer({ size: N * 12, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: out } }] }));
    pass.dispatchWorkgroups(N / 64);
    pass.end();
    enc.copyBufferToBuffer(out, 0, read, 0, N * 12);
    device.queue.submit([enc.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    const gpu = new Uint32Array(read.getMappedRange().slice(0));
    const asF32 = new Float32Array(gpu.buffer);
    device.destroy();

    let normalErr = 0;
    for (let i = 0; i < N; i++) {
      const k = keys(i);
      expect(gpu[3 * i]).toBe(rngU32(...k));
      expect(asF32[3 * i + 1]).toBe(Math.fround(rngUniform(...k)));
      normalErr = Math.max(normalErr, Math.abs(asF32[3 * i + 2]! - rngNormal(...k)));
    }
    // WGSL allows cos an absolute error of 2^-11 and log a few ulp; the radius is at most √(2 ln 2^24) ≈ 5.8.
    expect(normalErr).toBeLessThan(5.8 * 2 ** -11 + 1e-4);
  });
});
