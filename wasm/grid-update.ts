/**
 * WebAssembly SIMD form of the CPU backend's feed-forward spatial cells (AssemblyScript,
 * built by scripts/build-wasm.mjs into src/model/kernels/grid-update-wasm.ts).
 *
 * The reference is gridUpdate in src/model/kernels/grid-update.ts (itself the CPU
 * mirror of shaders/spatial/grid-update.wgsl), whose every operation rounds to f32:
 * here the same f32 operations in the same order, four cells per f32x4 vector, so
 * the firing probabilities have the same bits and the same cells spike
 * (tests/engine/wasm-kernels.test.ts). Grid cells: pScale · max(0, S − offset),
 * S = Σ_j cos_f32(kx_j x + ky_j y − phase_j reduced to about [−π, π]); place cells
 * (gaussian): pScale · 2^(d² · offset). Spikes are appended in index order by scalar
 * code. Pointers are byte offsets into the backend's arena memory.
 */
import { appendSpike, hash4 } from './common';

const TWO_PI: f32 = 6.283185307179586;
const INV_TWO_PI: f32 = 0.15915494309189535;
const PI: f32 = 3.141592653589793;
const HALF_PI: f32 = 1.5707963267948966;

@inline function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** c · z + k, each rounded to f32 (no fused multiply-add, as in the reference) */
@inline function horner(c: v128, z: v128, k: f32): v128 {
  return f32x4.add(f32x4.mul(c, z), splat(k));
}

/** cosF32 of grid-update.ts on four lanes: folded to [0, π/2], Taylor to h¹² in h² */
@inline function cos4(r: v128): v128 {
  const q = f32x4.abs(r);
  const far = f32x4.gt(q, splat(HALF_PI));
  const h = v128.bitselect(f32x4.sub(splat(PI), q), q, far);
  const z = f32x4.mul(h, h);
  let c = splat(<f32>(1.0 / 479001600.0));
  c = horner(c, z, <f32>(-1.0 / 3628800.0));
  c = horner(c, z, <f32>(1.0 / 40320.0));
  c = horner(c, z, <f32>(-1.0 / 720.0));
  c = horner(c, z, <f32>(1.0 / 24.0));
  c = horner(c, z, -0.5);
  c = horner(c, z, 1.0);
  return v128.bitselect(f32x4.neg(c), c, far);
}

/** exp2F32 of grid-update.ts on four lanes (t ≤ 0): Taylor of 2^f to f⁹ times 2^n; 0 below 2^-126 */
@inline function exp2x4(t: v128): v128 {
  const n = f32x4.floor(t);
  const f = f32x4.sub(t, n);
  let c = splat(1.0178086009239696e-07);
  c = horner(c, f, 1.3215486790144305e-06);
  c = horner(c, f, 1.5252733804059838e-05);
  c = horner(c, f, 0.00015403530393381606);
  c = horner(c, f, 0.0013333558146428441);
  c = horner(c, f, 0.009618129107628477);
  c = horner(c, f, 0.055504108664821576);
  c = horner(c, f, 0.2402265069591007);
  c = horner(c, f, 0.6931471805599453);
  c = horner(c, f, 1.0);
  // 2^n from its bits (n ≥ −126: a normal number, so the product is exact as in the reference)
  const pow2 = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return v128.andnot(f32x4.mul(c, pow2), f32x4.lt(t, splat(-126)));
}

/** Four f32 at base + stride·min(i + lane, last): the tail's missing lanes repeat the last cell. */
@inline function lanes(base: usize, stride: usize, i: i32, last: i32): v128 {
  let v = f32x4.splat(load<f32>(base + stride * <usize>i));
  v = f32x4.replace_lane(v, 1, load<f32>(base + stride * <usize>min(i + 1, last)));
  v = f32x4.replace_lane(v, 2, load<f32>(base + stride * <usize>min(i + 2, last)));
  return f32x4.replace_lane(v, 3, load<f32>(base + stride * <usize>min(i + 3, last)));
}

/** lanes() of a contiguous f32 table: one vector load but in the tail. */
@inline function contiguous(base: usize, i: i32, last: i32): v128 {
  return i + 3 <= last ? v128.load(base + (<usize>i << 2)) : lanes(base, 4, i, last);
}

/**
 * The firing probabilities of cells i … i + 3 (gridSpikeProbability of grid-update.ts) for n cells
 * whose tables start at tables (grid: kx, ky, phase, 3n each, cell-major; place: the centres' x
 * then y, n each), the agent at (x, y).
 */
@inline function probability4(i: i32, n: i32, gaussian: bool, tables: usize, x: f32, y: f32, offset: f32, pScale: f32): v128 {
  const last = n - 1;
  const vx = splat(x), vy = splat(y);
  if (gaussian) {
    const dx = f32x4.sub(vx, contiguous(tables, i, last));
    const dy = f32x4.sub(vy, contiguous(tables + (<usize>n << 2), i, last));
    const d2 = f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy));
    return f32x4.mul(splat(pScale), exp2x4(f32x4.mul(d2, splat(offset))));
  }
  const table3 = <usize>(3 * n) << 2;
  let s = splat(0);
  for (let j = 0; j < 3; j++) {
    const b = tables + (<usize>j << 2);
    const kx = f32x4.mul(lanes(b, 12, i, last), vx);
    const ky = f32x4.mul(lanes(b + table3, 12, i, last), vy);
    const a = f32x4.sub(f32x4.add(kx, ky), lanes(b + 2 * table3, 12, i, last));
    const turns = f32x4.floor(f32x4.add(f32x4.mul(a, splat(INV_TWO_PI)), splat(0.5)));
    s = f32x4.add(s, cos4(f32x4.sub(a, f32x4.mul(splat(TWO_PI), turns))));
  }
  return f32x4.mul(splat(pScale), f32x4.max(splat(0), f32x4.sub(s, splat(offset))));
}

/** probability4 of every cell into out (f32, ceil(n/4)·4 entries): the kernel's arithmetic, for its bit test. */
export function spikeProbabilities(out: usize, n: i32, gaussian: bool, tables: usize, x: f32, y: f32, offset: f32, pScale: f32): void {
  for (let i = 0; i < n; i += 4) v128.store(out + (<usize>i << 2), probability4(i, n, gaussian, tables, x, y, offset, pScale));
}

/**
 * One step of n cells (probability4's tables and agent position). stepKey, stream: the RNG's
 * (rngStepKey, the population's stream); the spike list, record and rate bins as in wasm/common.ts.
 */
export function gridUpdate(
  n: i32, gaussian: bool, tables: usize, x: f32, y: f32, offset: f32, pScale: f32, stepKey: u32, stream: u32,
  listCount: usize, list: usize, recordCount: usize, recordEntries: usize, recordLimit: u32, recordCap: u32,
  countsBin: usize, countGroupSize: u32, stepInChunk: u32,
): void {
  const key = i32x4.splat(stepKey), str = i32x4.splat(stream);
  for (let i = 0; i < n; i += 4) {
    const probability = probability4(i, n, gaussian, tables, x, y, offset, pScale);
    // u32ToUniform of rngFromStepKey(stepKey, i, stream): 24 random bits, exact in f32
    const index = i32x4.add(i32x4.splat(i), i32x4(0, 1, 2, 3));
    const bits = hash4(v128.xor(hash4(v128.xor(key, index)), str));
    const u = f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(bits, 8)), splat(1.0 / 16777216));
    const fired = i32x4.bitmask(f32x4.lt(u, probability));
    if (fired == 0) continue;
    for (let l = 0; l < 4 && i + l < n; l++) {
      if (fired & (1 << l)) appendSpike(<u32>(i + l), listCount, list, recordCount, recordEntries, recordLimit, recordCap, countsBin, countGroupSize, stepInChunk);
    }
  }
}
