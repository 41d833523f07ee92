/**
 * What the WebAssembly kernels share: f32 arena values as f64 lanes and back
 * (wasm/lif-update.ts, wasm/traces.ts); the counter-based hash of src/model/rng.ts on
 * four lanes, and a spike's entry in the step's spike list, the raster record and the
 * rate bins (wasm/lif-update.ts, wasm/grid-update.ts). Pointers are byte offsets into
 * the backend's arena memory.
 */

/** f32 values at ptr (two, or one at an odd end) as f64 lanes */
@inline export function loadF32(ptr: usize, pair: bool): v128 {
  return f64x2.promote_low_f32x4(pair ? v128.load64_zero(ptr) : v128.load32_zero(ptr));
}

/** f64 lanes rounded to f32 (to nearest, as a Float32Array store) at ptr */
@inline export function storeF32(ptr: usize, x: v128, pair: bool): void {
  const f = f32x4.demote_f64x2_zero(x);
  if (pair) v128.store64_lane(ptr, f, 0);
  else v128.store32_lane(ptr, f, 0);
}

/** zeroes two (or one) 32-bit words at ptr */
@inline export function storeZero(ptr: usize, pair: bool): void {
  if (pair) store<u64>(ptr, 0);
  else store<u32>(ptr, 0);
}

/** lowbias32 (src/model/rng.ts hash32) on four u32 lanes */
@inline export function hash4(x: v128): v128 {
  x = v128.xor(x, i32x4.shr_u(x, 16));
  x = i32x4.mul(x, i32x4.splat(0x7feb352d));
  x = v128.xor(x, i32x4.shr_u(x, 15));
  x = i32x4.mul(x, i32x4.splat(0x846ca68b));
  return v128.xor(x, i32x4.shr_u(x, 16));
}

/** The spike list, raster record and rate bins of one spike, as in the references (lifUpdate, gridUpdate). */
export function appendSpike(
  i: u32, listCount: usize, list: usize, recordCount: usize, recordEntries: usize, recordLimit: u32, recordCap: u32,
  countsBin: usize, countGroupSize: u32, stepInChunk: u32,
): void {
  const c = load<u32>(listCount);
  store<u32>(list + (<usize>c << 2), i);
  store<u32>(listCount, c + 1);
  if (i < recordLimit) {
    const r = load<u32>(recordCount);
    store<u32>(recordCount, r + 1);
    if (r < recordCap) {
      store<u32>(recordEntries + (<usize>r << 3), stepInChunk);
      store<u32>(recordEntries + (<usize>r << 3) + 4, i);
    }
  }
  if (countGroupSize > 0) {
    const bin = countsBin + (<usize>(i / countGroupSize) << 2);
    store<u32>(bin, load<u32>(bin) + 1);
  }
}
