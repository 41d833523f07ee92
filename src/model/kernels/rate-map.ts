/**
 * CPU references of the spatial and weight measures' kernels (rateMap probe:
 * shaders/probe/map-*.wgsl; weightHistogram probe: weight-histogram.wgsl),
 * in the same f32 operations (Math.fround after each), so both backends give
 * the same accumulated maps bit for bit and the same statistics to rounding
 * of log₂ and sqrt. What each computes is documented in its shader and in
 * MAP_*_LAYOUT (src/model/kernel-params.ts). The gridness is the host's
 * definition in f64 (src/model/spatial/maps.ts): the GPU's f32 scores agree to
 * rounding.
 */
import { sampleSlot } from './synapses';
import { autocorrelogram, autocorrelogramGridness } from '../spatial/maps';
import { type Arenas, GRIDNESS_NONE, type MapAccumulateParams, type MapDecodeParams, type MapGridnessParams, type MapStatsParams, SPIKE_HEADER, type WeightHistogramParams } from '../kernel-params';

const f = Math.fround;

/** Bin of (x, y) in f32, as the shader's bin_of; −1 outside. */
function binOf(p: MapAccumulateParams, x: number, y: number): number {
  const fx = f(x / f(p.width)), fy = f(y / f(p.height));
  if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return -1;
  const ix = Math.min(p.nx - 1, Math.floor(f(fx * p.nx))), iy = Math.min(p.ny - 1, Math.floor(f(fy * p.ny)));
  return iy * p.nx + ix;
}

/**
 * A rate population's events of the step (rate × dt, f32) added to its
 * decoding window and, where row ≥ 0, to its bin's row of the maps: n cells
 * from the rates at `rates`. The CPU backend's WebAssembly form is
 * accumulateRates in wasm/rate-map.ts (the same f32 operations, four cells a vector).
 */
export type RateAccumulator = (st: Float32Array, rates: number, window: number, row: number, n: number, dt: number) => void;

export const accumulateRates: RateAccumulator = (st, rates, window, row, n, dt) => {
  for (let i = 0; i < n; i++) {
    const events = f(st[rates + i]! * dt);
    st[window + i] += events;
    if (row >= 0) st[row + i] += events;
  }
};

/** shaders/probe/map-accumulate.wgsl */
export function mapAccumulate(p: MapAccumulateParams, a: Arenas, step: number, baseStep: number, rates: RateAccumulator = accumulateRates): void {
  const st = a.state;
  const k = step - baseStep;
  const x = a.tables[p.pathBase + 2 * k]!, y = a.tables[p.pathBase + 2 * k + 1]!;
  const b = binOf(p, x, y);
  const dt = f(p.dt);
  if (b >= 0) st[p.occBase + b] += dt;
  st[p.posBase] += x;
  st[p.posBase + 1] += y;
  st[p.posBase + 2] += 1;
  // the bin's row of the bin-major maps (one contiguous write a step for a rate population); −1 outside the arena
  const row = b >= 0 ? p.mapBase + b * p.n : -1;
  const window = p.windowBase;
  if (p.spiking) {
    const parity = step & 1;
    const count = a.spikes[p.spikeBase + parity]!;
    const list = p.spikeBase + SPIKE_HEADER + parity * p.n;
    for (let s = 0; s < count; s++) {
      const i = a.spikes[list + s]!;
      st[window + i] += 1;
      if (row >= 0) st[row + i] += 1;
    }
  } else {
    rates(st, p.rBase, window, row, p.n, dt);
  }
}

/** Cells whose statistics mapStats computes together (their field masks: BLOCK × bins bytes). */
export const BLOCK = 256;

/** log2F32's series coefficients 2/((2k + 1) ln 2), highest first (wasm/rate-map.ts has the same literals). */
const LOG2_SERIES = [0.32059889330561543, 0.41219858114817345, 0.5770780163555854, 0.9617966939259756, 2.8853900817779268].map(f);
const f32Bits = new Float32Array(1);
const i32Bits = new Int32Array(f32Bits.buffer);

/**
 * log₂ x for a finite f32 x > 0 in f32 operations (Math.fround after each), as
 * the WebAssembly form computes it: x = m·2^e with m in [√½, √2] (subnormals
 * scaled by 2^23 first), log₂ m = (2/ln 2) atanh s, s = (m − 1)/(m + 1), by its
 * series to s⁹ in s² by Horner's rule (truncation < 1.1e-9 there; within
 * 3e-7 of Math.log2 relative, or 1.5e-8 absolute near x = 1, tested).
 * Not Math.log2: V8 spends 20–45 ns on a call, and WebAssembly has none.
 */
export function log2F32(x: number): number {
  f32Bits[0] = x;
  let bits = i32Bits[0]!;
  let e = -127;
  if (bits < 0x00800000) {
    f32Bits[0] = f(x * 8388608);
    bits = i32Bits[0]!;
    e -= 23;
  }
  e += bits >>> 23;
  let mantissa = (bits & 0x007fffff) | 0x3f800000;
  if (mantissa > 0x3fb504f3) {
    mantissa -= 0x00800000;
    e += 1;
  }
  i32Bits[0] = mantissa;
  const m = f32Bits[0]!;
  const s = f(f(m - 1) / f(m + 1));
  const z = f(s * s);
  let c = LOG2_SERIES[0]!;
  for (let k = 1; k < LOG2_SERIES.length; k++) c = f(f(c * z) + LOG2_SERIES[k]!);
  return f(e + f(s * c));
}

/**
 * A block's per-cell arrays in mapStats (room for BLOCK cells, a multiple of 4;
 * mask BLOCK × bins bytes): what mapBlock works in and returns.
 */
export interface MapStatsBlock {
  /** spike count (or rate × time) summed over the visited bins */
  readonly events: Float32Array;
  /** the highest rate of a visited bin */
  readonly peak: Float32Array;
  /** all ones where the cell fired in a visited bin (u32 lanes of the WebAssembly form), else 0 */
  readonly live: Uint32Array;
  readonly mean: Float32Array;
  /** the field threshold × the cell's peak rate */
  readonly limit: Float32Array;
  readonly info: Float32Array;
  /** fields (connected regions above the limit, by the Euler characteristic) and the bins above the limit */
  readonly fields: Int32Array;
  readonly above: Int32Array;
  /** mask[k·bins + b]: cell k's rate in bin b is above its limit */
  readonly mask: Uint8Array;
}

/** Block arrays with room for BLOCK cells and a mask of bins bytes each. */
export function mapStatsBlock(bins: number): MapStatsBlock {
  const cells = () => new Float32Array(BLOCK);
  return {
    events: cells(), peak: cells(), live: new Uint32Array(BLOCK), mean: cells(), limit: cells(), info: cells(),
    fields: new Int32Array(BLOCK), above: new Int32Array(BLOCK), mask: new Uint8Array(BLOCK * bins),
  };
}

/**
 * The statistics of a block of cells, where mapStats spends its time: per
 * cell, over the visited bins (occupancy > 0) in order, the events, the peak
 * rate, the mean rate, the spatial information Σ share·relative·log₂ relative
 * (relative = rate/mean > 0), and the fields and bins above threshold × peak.
 * `map` is the block's first cell in bin 0's row of the bin-major maps (rows n
 * floats apart), `occ` the occupancy; the block's arrays start zeroed. The
 * CPU backend's WebAssembly form is wasm/rate-map.ts.
 */
export type MapBlockKernel = (st: Float32Array, map: number, n: number, cells: number, occ: number, nx: number, ny: number, time: number, threshold: number, block: MapStatsBlock) => void;

export const mapBlock: MapBlockKernel = (st, map, n, cells, occ, nx, ny, time, threshold, block) => {
  const { events, peak, live, mean, limit, info, fields, above, mask } = block;
  const bins = nx * ny;
  for (let b = 0; b < bins; b++) {
    const o = st[occ + b]!;
    if (!(o > 0)) continue;
    const row = map + b * n;
    for (let k = 0; k < cells; k++) {
      events[k] = f(events[k]! + st[row + k]!);
      peak[k] = Math.max(peak[k]!, f(st[row + k]! / o));
    }
  }
  // a silent or unvisited map gives zeros
  for (let k = 0; k < cells; k++) {
    if (!(time > 0 && events[k]! > 0)) continue;
    live[k] = 0xffffffff;
    mean[k] = f(events[k]! / time);
    limit[k] = f(threshold * peak[k]!);
  }
  for (let b = 0; b < bins; b++) {
    const o = st[occ + b]!;
    if (!(o > 0)) continue;
    const share = f(o / time);
    const row = map + b * n;
    for (let k = 0; k < cells; k++) {
      if (!live[k]) continue;
      const r = f(st[row + k]! / o), relative = f(r / mean[k]!);
      if (relative > 0) info[k] = f(info[k]! + f(f(share * relative) * log2F32(relative)));
      mask[k * bins + b] = r > limit[k]! ? 1 : 0;
    }
  }
  // fields = V − E + F of the bins above (vertices), their right and upper neighbours above (edges), and 2×2 squares above (faces)
  for (let k = 0; k < cells; k++) {
    if (!live[k]) continue;
    let v = 0, e = 0, faces = 0;
    for (let iy = 0, b = k * bins; iy < ny; iy++) {
      const top = iy + 1 < ny;
      for (let ix = 0; ix < nx; ix++, b++) {
        if (mask[b] === 0) continue;
        v++;
        const right = ix + 1 < nx ? mask[b + 1]! : 0;
        const up = top ? mask[b + nx]! : 0;
        e += right + up;
        if (right !== 0 && up !== 0) faces += mask[b + nx + 1]!;
      }
    }
    fields[k] = v - e + faces;
    above[k] = v;
  }
};

/** Where mapStats keeps a block's arrays, and the kernel it runs on them: the TypeScript ones, or the WebAssembly kernel's (in its memory). */
export interface MapStatsKernel {
  block(bins: number): MapStatsBlock;
  run: MapBlockKernel;
}

const TYPESCRIPT_MAP_STATS: MapStatsKernel = { block: mapStatsBlock, run: mapBlock };

/**
 * shaders/probe/map-stats.wgsl. Each cell's sums run over the bins in order, as
 * the shader's thread does; here, for a block of cells at a time (mapBlock), the
 * bins are the outer loop, so each bin's row of the bin-major maps is read
 * contiguously, and the shader's field test of a neighbour is a mask, each bin
 * tested once. log₂ is log2F32 (the shader's is WGSL's): the statistics agree
 * to its rounding.
 */
export function mapStats(p: MapStatsParams, a: Arenas, step: number, baseStep: number, kernel: MapStatsKernel = TYPESCRIPT_MAP_STATS): void {
  if (step % p.everySteps !== 0) return;
  const st = a.state;
  const { n, nx, ny } = p;
  const bins = nx * ny;
  const out = p.samplesBase + sampleSlot(step, p.everySteps, baseStep) * p.stride;
  const threshold = f(p.threshold), binArea = f(p.binArea);
  let time = 0;
  for (let b = 0; b < bins; b++) if (st[p.occBase + b]! > 0) time = f(time + st[p.occBase + b]!);
  const block = kernel.block(bins);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const cells = Math.min(BLOCK, n - i0);
    for (const array of Object.values(block) as Float32Array[]) array.fill(0);
    kernel.run(st, p.mapBase + i0, n, cells, p.occBase, nx, ny, time, threshold, block);
    for (let k = 0; k < cells; k++) {
      const at = out + i0 + k;
      a.samples[at] = block.peak[k]!;
      a.samples[at + n] = block.mean[k]!;
      a.samples[at + 2 * n] = block.info[k]!;
      a.samples[at + 3 * n] = block.fields[k]!;
      a.samples[at + 4 * n] = f(block.above[k]! * binArea);
    }
  }
}

/** Lanes of map-score.wgsl's sums: lane l adds the cells c ≡ l (mod LANES), then the lanes' sums are added in lane order. */
const LANES = 64;

/**
 * shaders/probe/map-score.wgsl. The same sums in the same order: per bin, the
 * cells' rates (the bin's row of the bin-major maps) into LANES lane sums
 * (f32: each += is an f32 add), then the lanes added in lane order.
 */
export function mapScore(p: MapDecodeParams, a: Arenas, step: number): void {
  if (step % p.everySteps !== 0) return;
  const st = a.state;
  const { n } = p;
  const bins = p.nx * p.ny;
  const sum = new Float32Array(LANES), norm = new Float32Array(LANES), dot = new Float32Array(LANES);
  const inLaneOrder = (lanes: Float32Array) => {
    let s = 0;
    for (let l = 0; l < LANES; l++) s = f(s + lanes[l]!);
    return s;
  };
  // the bin's rates, each an f32 quotient as the shader's, used by both passes; the cells
  // c0 + l (l < LANES) of each run go to lane l (no modulo), with a partial run at the end
  const rates = new Float32Array(n);
  const window = p.windowBase;
  for (let b = 0; b < bins; b++) {
    const occ = st[p.occBase + b]!, row = p.mapBase + b * n;
    // an unvisited bin is not scored (the shader computes it and finds the same)
    if (!(occ > 0)) {
      st[p.scoreBase + b] = 0;
      st[p.scoreBase + bins + b] = 0;
      continue;
    }
    sum.fill(0);
    for (let c0 = 0; c0 < n; c0 += LANES) {
      for (let l = 0, c = c0; l < LANES && c < n; l++, c++) {
        rates[c] = st[row + c]! / occ;
        sum[l] += rates[c]!;
      }
    }
    const mean = f(inLaneOrder(sum) / n);
    norm.fill(0);
    dot.fill(0);
    for (let c0 = 0; c0 < n; c0 += LANES) {
      for (let l = 0, c = c0; l < LANES && c < n; l++, c++) {
        const t = f(rates[c]! - mean);
        norm[l] += f(t * t);
        dot[l] += f(t * st[window + c]!);
      }
    }
    const nn = inLaneOrder(norm);
    const scored = nn > 0;
    st[p.scoreBase + b] = scored ? f(inLaneOrder(dot) / f(Math.sqrt(nn))) : 0;
    st[p.scoreBase + bins + b] = scored ? 1 : 0;
  }
}

/** shaders/probe/map-decode.wgsl */
export function mapDecode(p: MapDecodeParams, a: Arenas, step: number, baseStep: number): void {
  if (step % p.everySteps !== 0) return;
  const st = a.state;
  const { n, nx, ny } = p;
  const bins = nx * ny;
  const out = p.samplesBase + sampleSlot(step, p.everySteps, baseStep) * p.stride + 5 * n;
  let varies = false;
  for (let c = 1; c < n && !varies; c++) varies = st[p.windowBase + c] !== st[p.windowBase]!;
  let best = -1, score = 0;
  for (let b = 0; varies && b < bins; b++) {
    if (st[p.scoreBase + bins + b] === 0) continue;
    const s = st[p.scoreBase + b]!;
    if (best < 0 || s > score) { score = s; best = b; }
  }
  if (best < 0) {
    a.samples.fill(-1, out, out + 4);
  } else {
    const x = f(f(f((best % nx) + 0.5) * f(p.width)) / nx);
    const y = f(f(f(Math.floor(best / nx) + 0.5) * f(p.height)) / ny);
    const steps = st[p.posBase + 2]!;
    const dx = f(x - f(st[p.posBase]! / steps)), dy = f(y - f(st[p.posBase + 1]! / steps));
    a.samples.set([best, x, y, f(Math.sqrt(f(f(dx * dx) + f(dy * dy))))], out);
  }
  for (let k = 0; k < p.selCount * bins; k++) {
    const b = k % bins;
    const occ = st[p.occBase + b]!;
    const cell = a.conn[p.selBase + Math.floor(k / bins)]!;
    a.samples[out + 4 + k] = occ > 0 ? st[p.mapBase + b * n + cell]! / occ : -1;
  }
  st.fill(0, p.windowBase, p.windowBase + n);
  st.fill(0, p.posBase, p.posBase + 3);
}

/** An autocorrelogram entry without a value in state (map-gridness.wgsl's NONE: correlations lie in [−1, 1]). */
const ACORR_NONE = -2;

/** shaders/probe/map-gridness.wgsl: both passes, the autocorrelograms kept in state as the GPU keeps them. */
export function mapGridness(p: MapGridnessParams, a: Arenas, step: number, baseStep: number): void {
  if (step % p.everySteps !== 0) return;
  const { nx, ny } = p;
  const bins = nx * ny, size = (2 * nx - 1) * (2 * ny - 1);
  const out = p.samplesBase + sampleSlot(step, p.everySteps, baseStep) * p.stride;
  for (let k = 0; k < p.cells; k++) {
    if (!p.enabled) {
      a.samples[out + p.gridnessAt + k] = GRIDNESS_NONE;
      continue;
    }
    const map = Array.from(a.samples.subarray(out + p.mapsAt + k * bins, out + p.mapsAt + (k + 1) * bins), (v) => (v < 0 ? NaN : v));
    const acorr = autocorrelogram(map, nx, ny);
    a.state.set(acorr.map((v) => (Number.isNaN(v) ? ACORR_NONE : v)), p.acorrBase + k * size);
    const score = autocorrelogramGridness(Float64Array.from(a.state.subarray(p.acorrBase + k * size, p.acorrBase + (k + 1) * size), (v) => (v === ACORR_NONE ? NaN : v)), nx, ny, 1).gridness;
    a.samples[out + p.gridnessAt + k] = Number.isNaN(score) ? GRIDNESS_NONE : score;
  }
}

/**
 * Adds the histogram of syn[start … start + count) to counts[out … out + bins): bin
 * floor((w − lo) · scale) in f32, clamped to the range; a NaN counts nowhere.
 * The CPU backend's WebAssembly form: wasm/synapse-probes.ts.
 */
export type WeightCounter = (syn: Float32Array, start: number, count: number, lo: number, scale: number, bins: number, counts: Uint32Array, out: number) => void;

export const countWeights: WeightCounter = (syn, start, count, lo, scale, bins, counts, out) => {
  for (let s = start; s < start + count; s++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(f(f(syn[s]! - lo) * scale))));
    counts[out + b]++;
  }
};

/** shaders/probe/weight-histogram.wgsl */
export function weightHistogram(p: WeightHistogramParams, a: Arenas, step: number, baseStep: number, counter: WeightCounter = countWeights): void {
  if (step % p.everySteps !== 0) return;
  const out = p.countsBase + sampleSlot(step, p.everySteps, baseStep) * p.bins;
  counter(a.syn, p.srcBase, p.synCount, f(p.lo), f(p.binsPerUnit), p.bins, a.counts, out);
}
