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

/** shaders/probe/map-accumulate.wgsl */
export function mapAccumulate(p: MapAccumulateParams, a: Arenas, step: number, baseStep: number): void {
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
    const r = p.rBase;
    for (let i = 0; i < p.n; i++) {
      const events = f(st[r + i]! * dt);
      st[window + i] += events;
      if (row >= 0) st[row + i] += events;
    }
  }
}

/** Cells whose statistics mapStats computes together (their field masks: BLOCK × bins bytes). */
const BLOCK = 256;

/**
 * shaders/probe/map-stats.wgsl. Each cell's sums run over the bins in order, as
 * the shader's thread does; here, for a block of cells at a time, the bins are
 * the outer loop, so each bin's row of the bin-major maps is read contiguously.
 */
export function mapStats(p: MapStatsParams, a: Arenas, step: number, baseStep: number): void {
  if (step % p.everySteps !== 0) return;
  const st = a.state;
  const { n, nx, ny } = p;
  const bins = nx * ny;
  const out = p.samplesBase + sampleSlot(step, p.everySteps, baseStep) * p.stride;
  const threshold = f(p.threshold), binArea = f(p.binArea);
  const occ = st.subarray(p.occBase, p.occBase + bins);
  let time = 0;
  for (let b = 0; b < bins; b++) if (occ[b]! > 0) time = f(time + occ[b]!);
  const events = new Float32Array(BLOCK), peak = new Float32Array(BLOCK), mean = new Float32Array(BLOCK), info = new Float32Array(BLOCK);
  // mask[k·bins + b]: cell i0 + k's rate in bin b is above threshold × its peak
  const mask = new Uint8Array(BLOCK * bins);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const cells = Math.min(BLOCK, n - i0);
    events.fill(0); peak.fill(0); mean.fill(0); info.fill(0); mask.fill(0);
    const rate = (b: number, k: number) => f(st[p.mapBase + b * n + i0 + k]! / occ[b]!);
    for (let b = 0; b < bins; b++) {
      if (!(occ[b]! > 0)) continue;
      for (let k = 0; k < cells; k++) {
        events[k] = f(events[k]! + st[p.mapBase + b * n + i0 + k]!);
        peak[k] = Math.max(peak[k]!, rate(b, k));
      }
    }
    // a silent or unvisited map gives zeros
    const fires = (k: number) => time > 0 && events[k]! > 0;
    for (let k = 0; k < cells; k++) if (fires(k)) mean[k] = f(events[k]! / time);
    for (let b = 0; b < bins; b++) {
      if (!(occ[b]! > 0)) continue;
      const share = f(occ[b]! / time);
      for (let k = 0; k < cells; k++) {
        if (!fires(k)) continue;
        const r = rate(b, k), relative = f(r / mean[k]!);
        if (relative > 0) info[k] = f(info[k]! + f(f(share * relative) * f(Math.log2(relative))));
        mask[k * bins + b] = r > f(threshold * peak[k]!) ? 1 : 0;
      }
    }
    for (let k = 0; k < cells; k++) {
      let count = 0, area = 0;
      if (fires(k)) {
        // the shader re-evaluates a neighbour's test; the CPU marks each bin once
        const above = (b: number) => mask[k * bins + b] === 1;
        let v = 0, e = 0, faces = 0;
        for (let iy = 0; iy < ny; iy++) {
          for (let ix = 0; ix < nx; ix++) {
            const b = iy * nx + ix;
            if (!above(b)) continue;
            v++;
            const right = ix + 1 < nx && above(b + 1);
            const up = iy + 1 < ny && above(b + nx);
            e += (right ? 1 : 0) + (up ? 1 : 0);
            if (right && up && above(b + nx + 1)) faces++;
          }
        }
        count = v - e + faces;
        area = f(v * binArea);
      }
      const at = out + i0 + k;
      a.samples[at] = peak[k]!;
      a.samples[at + n] = mean[k]!;
      a.samples[at + 2 * n] = info[k]!;
      a.samples[at + 3 * n] = count;
      a.samples[at + 4 * n] = area;
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

/** shaders/probe/weight-histogram.wgsl */
export function weightHistogram(p: WeightHistogramParams, a: Arenas, step: number, baseStep: number): void {
  if (step % p.everySteps !== 0) return;
  const out = p.countsBase + sampleSlot(step, p.everySteps, baseStep) * p.bins;
  const lo = f(p.lo), scale = f(p.binsPerUnit);
  for (let s = 0; s < p.synCount; s++) {
    const b = Math.min(p.bins - 1, Math.max(0, Math.floor(f(f(a.syn[p.srcBase + s]! - lo) * scale))));
    a.counts[out + b]++;
  }
}
