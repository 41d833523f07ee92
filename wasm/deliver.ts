/**
 * WebAssembly SIMD form of the CPU backend's dense plastic delivery (AssemblyScript,
 * built by scripts/build-wasm.mjs into src/model/kernels/deliver-wasm.ts).
 *
 * The reference is deliverDenseRow in src/model/kernels/plasticity.ts (one spike's row
 * in deliverPlastic, the CPU mirror of shaders/plasticity/deliver-plastic.wgsl): each
 * efficacy to fixed point in f32, floor(scale · w + ½), added to its accumulator with
 * i32 wrap-around; four synapses per vector, the same bits (tests/engine/wasm-kernels.test.ts)
 * wherever the fixed-point value fits an i32 (beyond, this conversion saturates as the
 * shader's does, where the reference's `| 0` wraps). Pointers are byte offsets into the
 * backend's arena memory.
 */

/** acc[k] += floor(f32(scale · syn[k]) + ½) for k < count (acc i32, syn f32). */
export function deliverRow(acc: usize, syn: usize, count: i32, scale: f32): void {
  const vScale = f32x4.splat(scale);
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    const o = <usize>k << 2;
    v128.store(acc + o, i32x4.add(v128.load(acc + o), fixedPoint(vScale, v128.load(syn + o))));
  }
  // the last count mod 4 synapses one at a time, in lane 0
  for (; k < count; k++) {
    const o = <usize>k << 2;
    v128.store32_lane(acc + o, i32x4.add(v128.load32_zero(acc + o), fixedPoint(vScale, v128.load32_zero(syn + o))), 0);
  }
}

@inline function fixedPoint(scale: v128, w: v128): v128 {
  return i32x4.trunc_sat_f32x4_s(f32x4.floor(f32x4.add(f32x4.mul(scale, w), f32x4.splat(0.5))));
}
