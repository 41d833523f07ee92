/**
 * WebAssembly SIMD forms of two rate-map loops of src/model/kernels/rate-map.ts
 * (AssemblyScript, built by scripts/build-wasm.mjs into
 * src/model/kernels/rate-map-wasm.ts): accumulateRates, a rate population's
 * events of a step into its window and maps (mapAccumulate), and mapBlock,
 * the statistics of a block of cells, in which the CPU's mapStats spends its
 * time (log2F32 of every cell's relative rate in every visited bin, the field
 * masks and their Euler characteristic). The same f32 operations in the same
 * order, four cells per f32x4 vector where a loop runs over cells, so the
 * arenas get the same bits (tests/engine/wasm-kernels.test.ts).
 * Pointers are byte offsets into the backend's arena memory (src/engine/cpu/wasm-kernels.ts).
 */

// log2F32's series coefficients 2/((2k + 1) ln 2), highest first (the same f32 literals)
const L4: f32 = 0.32059889330561543;
const L3: f32 = 0.41219858114817345;
const L2: f32 = 0.5770780163555854;
const L1: f32 = 0.9617966939259756;
const L0: f32 = 2.8853900817779268;

/** log2F32 of src/model/kernels/rate-map.ts in every lane (x > 0 finite; other lanes give garbage). */
@inline function log2x4(x: v128): v128 {
  // subnormals scaled by 2^23 first
  const sub = i32x4.lt_s(x, i32x4.splat(0x00800000));
  const bits = v128.bitselect(f32x4.mul(x, f32x4.splat(8388608.0)), x, sub);
  let e = i32x4.sub(i32x4.sub(i32x4.shr_u(bits, 23), i32x4.splat(127)), v128.and(sub, i32x4.splat(23)));
  let mantissa = v128.or(v128.and(bits, i32x4.splat(0x007fffff)), i32x4.splat(0x3f800000));
  // m in [√½, √2]: above √2 halve it (a true lane is −1)
  const big = i32x4.gt_s(mantissa, i32x4.splat(0x3fb504f3));
  mantissa = i32x4.sub(mantissa, v128.and(big, i32x4.splat(0x00800000)));
  e = i32x4.sub(e, big);
  const one = f32x4.splat(1);
  const s = f32x4.div(f32x4.sub(mantissa, one), f32x4.add(mantissa, one));
  const z = f32x4.mul(s, s);
  let c = f32x4.splat(L4);
  c = f32x4.add(f32x4.mul(c, z), f32x4.splat(L3));
  c = f32x4.add(f32x4.mul(c, z), f32x4.splat(L2));
  c = f32x4.add(f32x4.mul(c, z), f32x4.splat(L1));
  c = f32x4.add(f32x4.mul(c, z), f32x4.splat(L0));
  return f32x4.add(f32x4.convert_i32x4_s(e), f32x4.mul(s, c));
}

/**
 * mapBlock of src/model/kernels/rate-map.ts: a block's events and peaks, its
 * live cells, means and limits, the information and masks, then the fields and
 * bins above by the Euler characteristic. map: the block's first cell in bin
 * 0's row of the bin-major maps (rows n floats apart); occ: the occupancy per
 * bin (f32); events, peak, mean, limit, info (f32), live (u32), fields, above
 * (i32): per cell, room for cells rounded up to 4, zeroed; mask: bytes, zeroed.
 * Reads up to 3 floats past a row's last cell (their lanes are not stored).
 */
export function mapBlock(
  map: usize, n: i32, cells: i32, occ: usize, nx: i32, ny: i32, time: f32, threshold: f32,
  events: usize, peak: usize, live: usize, mean: usize, limit: usize, info: usize, fields: usize, above: usize, mask: usize,
): void {
  const bins = nx * ny;
  const zero = f32x4.splat(0);
  // events and peaks: the tail's lanes past cells are summed too, and never read
  for (let bin = 0; bin < bins; bin++) {
    const o = load<f32>(occ + (<usize>bin << 2));
    if (!(o > 0)) continue;
    const vOcc = f32x4.splat(o);
    const row = map + (<usize>(bin * n) << 2);
    for (let k = 0; k < cells; k += 4) {
      const at = <usize>k << 2;
      const x = v128.load(row + at);
      v128.store(events + at, f32x4.add(v128.load(events + at), x));
      v128.store(peak + at, f32x4.max(v128.load(peak + at), f32x4.div(x, vOcc)));
    }
  }
  for (let k = 0; k < cells; k++) {
    const at = <usize>k << 2;
    const e = load<f32>(events + at);
    if (!(time > 0 && e > 0)) continue;
    store<u32>(live + at, 0xffffffff);
    store<f32>(mean + at, e / time);
    store<f32>(limit + at, threshold * load<f32>(peak + at));
  }
  for (let bin = 0; bin < bins; bin++) {
    const o = load<f32>(occ + (<usize>bin << 2));
    if (!(o > 0)) continue;
    const share = f32x4.splat(o / time), vOcc = f32x4.splat(o);
    const row = map + (<usize>(bin * n) << 2);
    for (let k = 0; k < cells; k += 4) {
      const at = <usize>k << 2;
      const on = v128.load(live + at);
      const r = f32x4.div(v128.load(row + at), vOcc);
      const relative = f32x4.div(r, v128.load(mean + at));
      const add = v128.and(on, f32x4.gt(relative, zero));
      const term = f32x4.mul(f32x4.mul(share, relative), log2x4(relative));
      const sum = v128.load(info + at);
      v128.store(info + at, v128.bitselect(f32x4.add(sum, term), sum, add));
      const high = v128.and(on, f32x4.gt(r, v128.load(limit + at)));
      const m = mask + <usize>(k * bins + bin);
      // a lane of `high` is all ones or zero: & 1 stores 1 or 0
      store<u8>(m, i32x4.extract_lane(high, 0) & 1);
      if (k + 1 < cells) store<u8>(m + <usize>bins, i32x4.extract_lane(high, 1) & 1);
      if (k + 2 < cells) store<u8>(m + <usize>(2 * bins), i32x4.extract_lane(high, 2) & 1);
      if (k + 3 < cells) store<u8>(m + <usize>(3 * bins), i32x4.extract_lane(high, 3) & 1);
    }
  }
  for (let k = 0; k < cells; k++) {
    if (load<u32>(live + (<usize>k << 2)) == 0) continue;
    let v = 0, e = 0, faces = 0;
    let b = mask + <usize>(k * bins);
    for (let iy = 0; iy < ny; iy++) {
      const top = iy + 1 < ny;
      for (let ix = 0; ix < nx; ix++, b++) {
        if (load<u8>(b) == 0) continue;
        v++;
        const right: i32 = ix + 1 < nx ? <i32>load<u8>(b + 1) : 0;
        const up: i32 = top ? <i32>load<u8>(b + <usize>nx) : 0;
        e += right + up;
        if (right != 0 && up != 0) faces += <i32>load<u8>(b + <usize>nx + 1);
      }
    }
    store<i32>(fields + (<usize>k << 2), v - e + faces);
    store<i32>(above + (<usize>k << 2), v);
  }
}

/**
 * accumulateRates: events = rate·dt (f32) of n cells at rates, added to window
 * and, when inArena, to row (the bin's row of the maps).
 */
export function accumulateRates(rates: usize, window: usize, row: usize, inArena: bool, n: i32, dt: f32): void {
  const vdt = f32x4.splat(dt);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const events = f32x4.mul(v128.load(rates + o), vdt);
    v128.store(window + o, f32x4.add(v128.load(window + o), events));
    if (inArena) v128.store(row + o, f32x4.add(v128.load(row + o), events));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const events = load<f32>(rates + o) * dt;
    store<f32>(window + o, load<f32>(window + o) + events);
    if (inArena) store<f32>(row + o, load<f32>(row + o) + events);
  }
}
