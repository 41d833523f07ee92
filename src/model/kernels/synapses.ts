/**
 * CPU references of the synapse kernels (shaders/synapse/*.wgsl).
 * Spike delivery adds integer (fixed-point) weights, so its result does not
 * depend on the order in which spikes or threads arrive.
 */
import type { Arenas, DeliverDenseParams, DeliverSparseParams, GatherExpandParams, GatherModesParams, GatherSparseParams, StateProbeParams } from '../kernel-params';
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
  for (let i = 0; i < p.postN; i++) {
    let sum = 0;
    if (p.ring) for (const j of spikes) sum = (sum + a.itables[p.tableBase + ((i - j + p.preN) % p.preN)]!) | 0;
    else sum = Math.imul(spikes.length, a.itables[p.tableBase]!);
    a.acc[p.postAccBase + i] = (a.acc[p.postAccBase + i]! + sum) | 0;
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

/** shaders/synapse/gather-modes.wgsl */
export function gatherModes(p: GatherModesParams, a: Arenas): void {
  const st = a.state;
  const n = p.preN;
  for (let k = 0; k < p.modeCount; k++) {
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

/** shaders/synapse/gather-expand.wgsl */
export function gatherExpand(p: GatherExpandParams, a: Arenas): void {
  const st = a.state;
  const t = a.tables;
  const n = p.preN;
  const a0 = t[p.coefBase]! * st[p.modesBase]!;
  for (let i = 0; i < p.postN; i++) {
    let g = a0;
    for (let k = 1, m = i % n; k < p.modeCount; k++, m = m + i >= n ? m + i - n : m + i) {
      g += t[p.coefBase + k]! * (st[p.modesBase + 2 * k]! * t[p.trigBase + m]! + st[p.modesBase + 2 * k + 1]! * t[p.trigBase + n + m]!);
    }
    st[p.dstBase + i] = (p.accumulate ? st[p.dstBase + i]! : 0) + g;
  }
}

/** shaders/probe/state-probe.wgsl */
export function stateProbe(p: StateProbeParams, a: Arenas, step: number, baseStep: number): void {
  if (step % p.everySteps !== 0) return;
  const slot = Math.floor(step / p.everySteps) - Math.ceil(baseStep / p.everySteps);
  for (let k = 0; k < p.count; k++) {
    a.samples[p.samplesBase + slot * p.count + k] = a.state[p.srcBase + a.conn[p.indexBase + k]!]!;
  }
}
