/**
 * WebAssembly SIMD form of the CPU backend's weight histogram (AssemblyScript, built by
 * scripts/build-wasm.mjs into src/model/kernels/synapse-probes-wasm.ts).
 *
 * The reference is countWeights in src/model/kernels/rate-map.ts (weightHistogram, the
 * CPU mirror of shaders/probe/weight-histogram.wgsl): each efficacy's bin in the same
 * f32 operations, four synapses per vector, each lane counted into its own copy of the
 * histogram (so consecutive increments do not wait on each other), the copies summed
 * at the end: the same counts (tests/engine/wasm-kernels.test.ts). Pointers are byte
 * offsets into the backend's arena memory.
 */

/**
 * counts[k] += the number of syn[0 … count) in bin k < bins: floor((w − lo) · scale) clamped to
 * [0, bins − 1]. laneCounts: room for 4 · (bins + 1) u32, the lanes' copies (the last slot of each
 * takes NaN weights).
 */
export function countWeights(syn: usize, count: i32, lo: f32, scale: f32, bins: i32, counts: usize, laneCounts: usize): void {
  const stride = <usize>(bins + 1) << 2;
  memory.fill(laneCounts, 0, 4 * stride);
  const vLo = f32x4.splat(lo), vScale = f32x4.splat(scale), top = f32x4.splat(<f32>(bins - 1));
  // lane l counts at laneCounts + l·stride; a NaN lane at its slot bins
  const laneBase = i32x4.mul(i32x4(0, 1, 2, 3), i32x4.splat(bins + 1));
  const whole = count & ~3;
  let k = 0;
  for (; k < whole; k += 4) {
    const slot = slots(v128.load(syn + (<usize>k << 2)), vLo, vScale, top, bins, laneBase);
    increment(laneCounts + <usize>i32x4.extract_lane(slot, 0));
    increment(laneCounts + <usize>i32x4.extract_lane(slot, 1));
    increment(laneCounts + <usize>i32x4.extract_lane(slot, 2));
    increment(laneCounts + <usize>i32x4.extract_lane(slot, 3));
  }
  if (k < count) {
    // the last count mod 4 efficacies
    const slot = slots(tail(syn, k, count), vLo, vScale, top, bins, laneBase);
    increment(laneCounts + <usize>i32x4.extract_lane(slot, 0));
    if (k + 1 < count) increment(laneCounts + <usize>i32x4.extract_lane(slot, 1));
    if (k + 2 < count) increment(laneCounts + <usize>i32x4.extract_lane(slot, 2));
  }
  for (let b = 0; b < bins; b++) {
    const at = laneCounts + (<usize>b << 2);
    const sum = load<u32>(at) + load<u32>(at + stride) + load<u32>(at + 2 * stride) + load<u32>(at + 3 * stride);
    store<u32>(counts + (<usize>b << 2), load<u32>(counts + (<usize>b << 2)) + sum);
  }
}

/** Each lane's count slot (byte offset from laneCounts): its bin in its own copy, or the copy's NaN slot. */
@inline function slots(w: v128, lo: v128, scale: v128, top: v128, bins: i32, laneBase: v128): v128 {
  const b = f32x4.floor(f32x4.mul(f32x4.sub(w, lo), scale));
  const bin = i32x4.trunc_sat_f32x4_s(f32x4.max(f32x4.splat(0), f32x4.min(top, b)));
  return i32x4.shl(i32x4.add(laneBase, v128.bitselect(i32x4.splat(bins), bin, f32x4.ne(b, b))), 2);
}

@inline function increment(at: usize): void {
  store<u32>(at, load<u32>(at) + 1);
}

/** the last count − k (< 4) efficacies from k, the other lanes 0 (not counted) */
function tail(syn: usize, k: i32, count: i32): v128 {
  let w = f32x4.splat(0);
  w = f32x4.replace_lane(w, 0, load<f32>(syn + (<usize>k << 2)));
  if (k + 1 < count) w = f32x4.replace_lane(w, 1, load<f32>(syn + (<usize>(k + 1) << 2)));
  if (k + 2 < count) w = f32x4.replace_lane(w, 2, load<f32>(syn + (<usize>(k + 2) << 2)));
  return w;
}
