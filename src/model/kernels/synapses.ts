/**
 * CPU references of the synapse kernels (shaders/synapse/*.wgsl).
 * Spike delivery adds integer (fixed-point) weights, so its result does not
 * depend on the order in which spikes or threads arrive.
 */
import type {
  Arenas, DeliverDenseParams, DeliverSparseParams, GatherExpandParams, GatherModesParams, GatherSparseParams, StateProbeParams, SynapseMeanParams,
} from '../kernel-params';
import { RealModeFft } from '../fft';
import { SPIKE_HEADER } from '../kernel-params';

/** The spike list a population wrote at `step` (delivered at step + 1). */
function spikeList(a: Arenas, spikeBase: number, n: number, step: number): Uint32Array {
  const parity = step & 1;
  const count = a.spikes[spikeBase + parity]!;
  const start = spikeBase + SPIKE_HEADER + parity * n;
  return a.spikes.subarray(start, start + count);
}

/** shaders/synapse/deliver-sparse.wgsl, run at `step` for the spikes of step − 1. */
export function deliverSparse(p: DeliverSparseParams, a: Arenas, step: number): void {
  for (const pre of spikeList(a, p.preSpikeBase, p.preN, step - 1)) {
    const end = a.conn[p.rowBase + pre + 1]!;
    for (let s = a.conn[p.rowBase + pre]!; s < end; s++) {
      const post = p.postAccBase + a.conn[p.targetBase + s]!;
      a.acc[post] = (a.acc[post]! + p.weight) | 0;
    }
  }
}

/** shaders/synapse/deliver-dense.wgsl, run at `step` for the spikes of step − 1. */
export function deliverDense(p: DeliverDenseParams, a: Arenas, step: number): void {
  const spikes = spikeList(a, p.preSpikeBase, p.preN, step - 1);
  if (spikes.length === 0) return;
  const acc = a.acc;
  const uniform = Math.imul(spikes.length, a.itables[p.tableBase]!); // every target's sum without a ring profile
  for (let i = 0; i < p.postN; i++) {
    let sum = uniform;
    if (p.ring) {
      sum = 0;
      for (const j of spikes) sum = (sum + a.itables[p.tableBase + ((i - j + p.preN) % p.preN)]!) | 0;
    }
    acc[p.postAccBase + i] = (acc[p.postAccBase + i]! + sum) | 0;
  }
}

/** shaders/synapse/gather-sparse.wgsl */
export function gatherSparse(p: GatherSparseParams, a: Arenas): void {
  const st = a.state;
  for (let i = 0; i < p.postN; i++) {
    let sum = 0;
    const row = p.connBase + i * p.k;
    for (let k = 0; k < p.k; k++) sum += st[p.srcBase + a.conn[row + k]!]!;
    st[p.dstBase + i] = (p.accumulate ? st[p.dstBase + i]! : 0) + p.weight * sum;
  }
}

/**
 * Mode transforms by size and mode count (key n·(n + 1) + modeCount, unique as
 * modeCount ≤ n), for the CPU gathers: the same Fourier modes the WGSL kernels
 * sum directly, in O(N log N) instead of O(N·modes) when N is a power of two.
 */
const ffts = new Map<number, { fft: RealModeFft; spectrum: Float64Array }>();
function fftOf(n: number, modeCount: number) {
  const key = n * (n + 1) + modeCount;
  let f = ffts.get(key);
  if (!f) ffts.set(key, (f = { fft: new RealModeFft(n, modeCount), spectrum: new Float64Array(2 * modeCount) }));
  return f;
}
const fftSize = (n: number) => n >= 16 && (n & (n - 1)) === 0;

/** Σ x[start … start + n), in four interleaved partial sums (one serial chain of f64 adds is latency-bound). */
function sumOf(x: Float32Array, start: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = start;
  for (const end = start + n - 3; j < end; j += 4) {
    s0 += x[j]!; s1 += x[j + 1]!; s2 += x[j + 2]!; s3 += x[j + 3]!;
  }
  for (; j < start + n; j++) s0 += x[j]!;
  return s0 + s1 + (s2 + s3);
}

/** shaders/synapse/gather-modes.wgsl: a_k = Σ_j s_j cos(2πkj/N), b_k = Σ_j s_j sin(2πkj/N). */
export function gatherModes(p: GatherModesParams, a: Arenas): void {
  const st = a.state;
  const n = p.preN;
  if (p.modeCount > 1 && fftSize(n)) {
    const f = fftOf(n, p.modeCount);
    f.fft.forward(st, p.srcBase, f.spectrum); // X_k = Σ s_j e^{−2πikj/N} = a_k − i b_k
    for (let k = 0; k < p.modeCount; k++) {
      st[p.modesBase + 2 * k] = f.spectrum[2 * k]!;
      st[p.modesBase + 2 * k + 1] = -f.spectrum[2 * k + 1]!;
    }
    return;
  }
  // mode 0: the plain sum, b_0 = 0 (a one-entry profile has no sine table)
  st[p.modesBase] = sumOf(st, p.srcBase, n);
  st[p.modesBase + 1] = 0;
  for (let k = 1; k < p.modeCount; k++) {
    let sumA = 0;
    let sumB = 0;
    for (let j = 0, m = 0; j < n; j++, m = m + k >= n ? m + k - n : m + k) {
      const s = st[p.srcBase + j]!;
      sumA += s * a.tables[p.trigBase + m]!;
      sumB += s * a.tables[p.trigBase + n + m]!;
    }
    st[p.modesBase + 2 * k] = sumA;
    st[p.modesBase + 2 * k + 1] = sumB;
  }
}

/** shaders/synapse/gather-expand.wgsl: g_i = Σ_k c_k (a_k cos(2πki/N) + b_k sin(2πki/N)). */
export function gatherExpand(p: GatherExpandParams, a: Arenas): void {
  const st = a.state;
  const t = a.tables;
  const n = p.preN;
  if (p.modeCount > 1 && fftSize(n) && p.postN === n) {
    // g_i = Re Σ_k Y_k e^{2πiki/N} with Y_k = c_k (a_k − i b_k)
    const f = fftOf(n, p.modeCount);
    for (let k = 0; k < p.modeCount; k++) {
      const c = t[p.coefBase + k]!;
      f.spectrum[2 * k] = c * st[p.modesBase + 2 * k]!;
      f.spectrum[2 * k + 1] = -c * st[p.modesBase + 2 * k + 1]!;
    }
    f.fft.inverse(f.spectrum, st, p.dstBase, p.accumulate !== 0);
    return;
  }
  const a0 = t[p.coefBase]! * st[p.modesBase]!;
  const dst = p.dstBase, accumulate = p.accumulate !== 0;
  for (let i = 0; i < p.postN; i++) {
    let g = a0;
    for (let k = 1, m = i % n; k < p.modeCount; k++, m = m + i >= n ? m + i - n : m + i) {
      g += t[p.coefBase + k]! * (st[p.modesBase + 2 * k]! * t[p.trigBase + m]! + st[p.modesBase + 2 * k + 1]! * t[p.trigBase + n + m]!);
    }
    st[dst + i] = (accumulate ? st[dst + i]! : 0) + g;
  }
}

/** Sample slot of `step` (a multiple of everySteps) in a chunk from baseStep (shaders/common/clock.wgsl: sample_slot). */
export const sampleSlot = (step: number, everySteps: number, baseStep: number) => Math.floor(step / everySteps) - Math.ceil(baseStep / everySteps);

/** shaders/probe/state-probe.wgsl */
export function stateProbe(p: StateProbeParams, a: Arenas, step: number, baseStep: number): void {
  if (step % p.everySteps !== 0) return;
  const slot = sampleSlot(step, p.everySteps, baseStep);
  for (let k = 0; k < p.count; k++) {
    a.samples[p.samplesBase + slot * p.count + k] = a.state[p.srcBase + a.conn[p.indexBase + k]!]!;
  }
}

/** shaders/probe/synapse-mean.wgsl */
export function synapseMean(p: SynapseMeanParams, a: Arenas, step: number, baseStep: number): void {
  if (step % p.everySteps !== 0) return;
  const slot = sampleSlot(step, p.everySteps, baseStep);
  for (let g = 0; g < p.groups; g++) {
    const start = g * p.groupSize;
    const end = Math.min(start + p.groupSize, p.synCount);
    let sum = 0;
    for (let s = start; s < end; s++) sum += a.syn[p.srcBase + s]!;
    a.samples[p.samplesBase + slot * p.groups + g] = sum / (end - start);
  }
}
