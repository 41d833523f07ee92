/**
 * CPU reference of shaders/spatial/grid-update.wgsl: one step of a
 * feed-forward grid-cell population (or of Gaussian place cells: gaussian = 1). Cell i's firing probability this step is
 * pScale · max(0, S − offset), S = Σ_j cos(kx_j x + ky_j y − phase_j) at the
 * agent's position (x, y) of the step; a uniform from the counter-based RNG
 * below it is a spike. Spikes go to the step's spike list, the record and the
 * rate counts exactly as a source population's do.
 *
 * Every operation is the f32 operation the GPU performs, in the same order
 * (Math.fround after each). The cosine is not WGSL's cos (whose accuracy the
 * spec leaves at 2^-11, and SwiftShader's differs from Math.cos by ~1e-4) but
 * the same few f32 operations on both backends: the argument reduced to about
 * [−π, π] (a − 2π floor(a/2π + ½)), folded to [0, π/2] (cos r = −cos(π − |r|)),
 * and the Taylor polynomial to h¹² (error < 1e-8 there) by Horner's rule. So
 * the rates agree bit for bit, and the spikes of both backends are the same
 * (wherever the GPU compiler does not fuse a multiply and an add).
 */
import type { Arenas, GridUpdateParams } from '../kernel-params';
import { RECORD_HEADER, SPIKE_HEADER } from '../kernel-params';
import { rngFromStepKey, u32ToUniform } from '../rng';
import { beginSpikeStep, type SpikeStep } from './spike-step';

const f = Math.fround;
const TWO_PI = f(2 * Math.PI);
const INV_TWO_PI = f(1 / (2 * Math.PI));
const PI = f(Math.PI);
const HALF_PI = f(Math.PI / 2);
/** Taylor coefficients of cos in h², highest first: 1/12!, −1/10!, 1/8!, −1/6!, 1/4!, −1/2, 1. */
const COS_TAYLOR = [1 / 479001600, -1 / 3628800, 1 / 40320, -1 / 720, 1 / 24, -1 / 2, 1].map(f);

/** cos(r) for r in about [−π, π], in f32 operations (shaders/spatial/grid-update.wgsl `cos_f32`). */
export function cosF32(r: number): number {
  const q = Math.abs(r);
  const far = q > HALF_PI;
  const h = far ? f(PI - q) : q;
  const z = f(h * h);
  let c = COS_TAYLOR[0]!;
  for (let k = 1; k < COS_TAYLOR.length; k++) c = f(f(c * z) + COS_TAYLOR[k]!);
  return far ? -c : c;
}

/** Taylor coefficients of 2^f = e^(f ln 2), highest first: (ln 2)^9/9!, …, ln 2, 1 (the WGSL literals). */
const EXP2_TAYLOR = [
  1.0178086009239696e-07, 1.3215486790144305e-06, 1.5252733804059838e-05, 0.00015403530393381606, 0.0013333558146428441,
  0.009618129107628477, 0.055504108664821576, 0.2402265069591007, 0.6931471805599453, 1.0,
].map(f);
const [C9, C8, C7, C6, C5, C4, C3, C2, C1, C0] = EXP2_TAYLOR as [number, number, number, number, number, number, number, number, number, number];

/** 2^−k for k = 0 … 126 (exact). */
const POW2_NEG = Float64Array.from({ length: 127 }, (_, k) => 2 ** -k);

/** 2^t for t ≤ 0 in f32 operations (shaders/spatial/grid-update.wgsl `exp2_f32`): 0 below 2^-126. */
export function exp2F32(t: number): number {
  if (t < -126) return 0;
  const n = Math.floor(t);
  const fr = f(t - n);
  let c = f(f(C9 * fr) + C8);
  c = f(f(c * fr) + C7);
  c = f(f(c * fr) + C6);
  c = f(f(c * fr) + C5);
  c = f(f(c * fr) + C4);
  c = f(f(c * fr) + C3);
  c = f(f(c * fr) + C2);
  c = f(f(c * fr) + C1);
  c = f(f(c * fr) + C0);
  return f(c * POW2_NEG[-n]!);
}

/** The firing probability of cell i at (x, y) (f32 values), as the GPU computes it. */
export function gridSpikeProbability(p: GridUpdateParams, tables: Float32Array, i: number, x: number, y: number): number {
  if (p.gaussian) {
    const dx = f(x - tables[p.tableBase + i]!), dy = f(y - tables[p.tableBase + p.n + i]!);
    return f(f(p.pScale) * exp2F32(f(f(f(dx * dx) + f(dy * dy)) * f(p.offset))));
  }
  const n3 = 3 * p.n;
  let s = 0;
  for (let j = 0; j < 3; j++) {
    const b = p.tableBase + 3 * i + j;
    const a = f(f(f(tables[b]! * x) + f(tables[b + n3]! * y)) - tables[b + 2 * n3]!);
    const r = f(a - f(TWO_PI * Math.floor(f(f(a * INV_TWO_PI) + 0.5))));
    s = f(s + cosF32(r));
  }
  return f(f(p.pScale) * Math.max(0, f(s - f(p.offset))));
}

/** What a step of a grid or place population shares with its WebAssembly form (wasm-kernels.ts). */
export interface GridStep extends SpikeStep {
  /** the agent's position this step (f32 values) */
  x: number;
  y: number;
}

/** beginSpikeStep and the agent's position of the step. */
export function beginGridStep(p: GridUpdateParams, a: Arenas, step: number, baseStep: number): GridStep {
  return {
    ...beginSpikeStep(p, a, step, baseStep),
    x: a.tables[p.pathBase + 2 * (step - baseStep)]!,
    y: a.tables[p.pathBase + 2 * (step - baseStep) + 1]!,
  };
}

export function gridUpdate(p: GridUpdateParams, a: Arenas, step: number, baseStep: number): void {
  const { spikes, record, counts, tables } = a;
  const { parity, countsBin, key, x, y } = beginGridStep(p, a, step, baseStep);
  const listBase = p.spikeBase + SPIKE_HEADER + parity * p.n;
  for (let i = 0; i < p.n; i++) {
    const u = u32ToUniform(rngFromStepKey(key, i, p.streamBase));
    if (!(u < gridSpikeProbability(p, tables, i, x, y))) continue;
    spikes[listBase + spikes[p.spikeBase + parity]!++] = i;
    if (i < p.recordLimit) {
      const r = record[p.recordBase]!++;
      if (r < p.recordCap) {
        record[p.recordBase + RECORD_HEADER + 2 * r] = step - baseStep;
        record[p.recordBase + RECORD_HEADER + 2 * r + 1] = i;
      }
    }
    if (p.countGroupSize > 0) counts[countsBin + Math.floor(i / p.countGroupSize)]!++;
  }
}
