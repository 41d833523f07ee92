/**
 * WebAssembly SIMD form of the CPU backend's trace decay (AssemblyScript, built by
 * scripts/build-wasm.mjs into src/model/kernels/traces-wasm.ts).
 *
 * The reference is traceDecay in src/model/kernels/plasticity.ts (the first half of
 * traceUpdate, the CPU mirror of shaders/plasticity/trace-update.wgsl): the same f64
 * operations in the same order on two neurons per f64x2 vector, each store rounded to
 * f32 as a Float32Array store is, so the trace block gets the same bits
 * (tests/engine/wasm-kernels.test.ts). Only for sides without delayed calcium or a
 * protein pool (the host runs the reference for those). Pointers are byte offsets
 * into the backend's arena memory.
 */
import { loadF32, storeF32, storeZero } from './common';

// Section index of each trace (× n from the block's start); TRACE_SECTIONS.
const SPK: usize = 0, T1: usize = 1, T2: usize = 2, CA: usize = 3, RATE: usize = 4, THETA: usize = 5;

/** Every neuron's decay of the trace block at block (n neurons a section). */
export function traceDecay(n: i32, block: usize, decay1: f64, decay2: f64, decayCa: f64, rateKeep: f64, thetaRate: f64, invY0: f64): void {
  const bytes = <usize>n << 2;
  const spkB = block + SPK * bytes, t1B = block + T1 * bytes, t2B = block + T2 * bytes;
  const caB = block + CA * bytes, rateB = block + RATE * bytes, thetaB = block + THETA * bytes;
  const d1 = f64x2.splat(decay1), d2 = f64x2.splat(decay2), dCa = f64x2.splat(decayCa), keep = f64x2.splat(rateKeep);
  const vThetaRate = f64x2.splat(thetaRate), vInvY0 = f64x2.splat(invY0);
  for (let i = 0; i < n; i += 2) {
    const pair = i + 1 < n;
    const o = <usize>i << 2;
    storeZero(spkB + o, pair);
    storeF32(t1B + o, f64x2.mul(loadF32(t1B + o, pair), d1), pair);
    storeF32(t2B + o, f64x2.mul(loadF32(t2B + o, pair), d2), pair);
    storeF32(caB + o, f64x2.mul(loadF32(caB + o, pair), dCa), pair);
    // the rate as a double (unrounded) in the threshold's update, as in the reference
    const rate = f64x2.mul(loadF32(rateB + o, pair), keep);
    storeF32(rateB + o, rate, pair);
    const theta = loadF32(thetaB + o, pair);
    storeF32(thetaB + o, f64x2.add(theta, f64x2.mul(vThetaRate, f64x2.sub(f64x2.mul(f64x2.mul(rate, rate), vInvY0), theta))), pair);
  }
}
