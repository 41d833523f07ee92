/**
 * CPU reference of the grid-sheet kernels (src/model/grid-sheet.ts):
 * - sheetInput (shaders/spatial/sheet-input.wgsl): the recurrent input
 *   I_i = Σ_j K_{d(j)}(x_i − x_j) s_j of every neuron, from the weight tables
 *   in `tables`. The GPU gathers the stencil directly; here it is a circular
 *   convolution by FFT (f64): with S_d the activity of subpopulation d (zero
 *   elsewhere), Î = Σ_d K̂_d Ŝ_d, and since S_d = s · mask_d with mask_d the
 *   2 × 2 sublattice at p_d, Ŝ_d(k) = ¼ Σ_q (−1)^{q·p_d} ŝ(k + q N/2),
 *   q ∈ {0, 1}², so Î(k) = Σ_q M_q(k) ŝ(k + q N/2) with
 *   M_q = ¼ Σ_d (−1)^{q·p_d} K̂_d: one forward and one inverse 2-D FFT per
 *   step, O(n log n), equal to the direct sum to rounding (tested).
 *   sheetInputDirect is the direct sum in the GPU's order (f32), for tests.
 * - gridSheetUpdate (shaders/spatial/sheet-update.wgsl): s ← f + (s − f) e^(−dt/τ),
 *   f = G max(0, I + A + Aα ê·v + σ ξ), v the agent's velocity of the step
 *   (tables at velBase, uploaded per chunk) plus the constant (vx, vy).
 */
import { Fft } from '../fft';
import type { Arenas, GridSheetUpdateParams, SheetInputParams } from '../kernel-params';
import { rngNormal } from '../rng';

const f = Math.fround;

interface Spectra {
  readonly fft: Fft;
  /** M_q for q = (0,0), (1,0), (0,1), (1,1): re and im, side² each */
  readonly mRe: Float64Array[];
  readonly mIm: Float64Array[];
  /** work buffers: the sheet's spectrum, then the output's */
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly outRe: Float64Array;
  readonly outIm: Float64Array;
}

const cache = new WeakMap<SheetInputParams, Spectra>();

function spectra(p: SheetInputParams, tables: Float32Array): Spectra {
  let s = cache.get(p);
  if (s) return s;
  const n = p.side;
  const nn = n * n;
  const fft = new Fft(n);
  const kRe: Float64Array[] = [];
  const kIm: Float64Array[] = [];
  for (let d = 0; d < 4; d++) {
    const re = Float64Array.from(tables.subarray(p.tableBase + d * nn, p.tableBase + (d + 1) * nn));
    const im = new Float64Array(nn);
    fft.transform2d(re, im, false);
    kRe.push(re);
    kIm.push(im);
  }
  const mRe: Float64Array[] = [];
  const mIm: Float64Array[] = [];
  for (let q = 0; q < 4; q++) {
    const re = new Float64Array(nn), im = new Float64Array(nn);
    for (let d = 0; d < 4; d++) {
      // (−1)^{q·p_d}, p_d = (d mod 2, d div 2), q = (q mod 2, q div 2)
      const sign = (((q & 1) & (d & 1)) ^ ((q >> 1) & (d >> 1))) ? -0.25 : 0.25;
      for (let k = 0; k < nn; k++) {
        re[k]! += sign * kRe[d]![k]!;
        im[k]! += sign * kIm[d]![k]!;
      }
    }
    mRe.push(re);
    mIm.push(im);
  }
  s = { fft, mRe, mIm, re: new Float64Array(nn), im: new Float64Array(nn), outRe: new Float64Array(nn), outIm: new Float64Array(nn) };
  cache.set(p, s);
  return s;
}

/** Recurrent input of every neuron of the sheet by FFT convolution (see above). */
export function sheetInput(p: SheetInputParams, a: Arenas): void {
  const n = p.side;
  const nn = n * n;
  const h = n / 2;
  const st = a.state;
  const { fft, mRe, mIm, re, im, outRe, outIm } = spectra(p, a.tables);
  for (let i = 0; i < nn; i++) {
    re[i] = st[p.srcBase + i]!;
    im[i] = 0;
  }
  fft.transform2d(re, im, false);
  const [m0r, m1r, m2r, m3r] = mRe as [Float64Array, Float64Array, Float64Array, Float64Array];
  const [m0i, m1i, m2i, m3i] = mIm as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let ky = 0; ky < n; ky++) {
    const ky2 = (ky + h) & (n - 1);
    for (let kx = 0; kx < n; kx++) {
      const kx2 = (kx + h) & (n - 1);
      const k = ky * n + kx;
      const k1 = ky * n + kx2, k2 = ky2 * n + kx, k3 = ky2 * n + kx2;
      const a0r = re[k]!, a0i = im[k]!, a1r = re[k1]!, a1i = im[k1]!, a2r = re[k2]!, a2i = im[k2]!, a3r = re[k3]!, a3i = im[k3]!;
      outRe[k] = m0r[k]! * a0r - m0i[k]! * a0i + m1r[k]! * a1r - m1i[k]! * a1i + m2r[k]! * a2r - m2i[k]! * a2i + m3r[k]! * a3r - m3i[k]! * a3i;
      outIm[k] = m0r[k]! * a0i + m0i[k]! * a0r + m1r[k]! * a1i + m1i[k]! * a1r + m2r[k]! * a2i + m2i[k]! * a2r + m3r[k]! * a3i + m3i[k]! * a3r;
    }
  }
  fft.transform2d(outRe, outIm, true);
  const scale = 1 / nn;
  for (let i = 0; i < nn; i++) st[p.dstBase + i] = outRe[i]! * scale;
}

/** The direct sum over the stencil in the GPU kernel's order, in f32 (slow: tests on small sheets). */
export function sheetInputDirect(p: SheetInputParams, a: Arenas): void {
  const n = p.side;
  const st = a.state, tb = a.tables;
  const out = new Float32Array(n * n);
  for (let i = 0; i < n * n; i++) {
    const xi = i % n, yi = Math.floor(i / n);
    let acc = 0;
    for (let by = 0; by < p.span; by++) {
      const oy = (by + n - p.half) % n;
      const jy = (yi + n - oy) % n;
      for (let bx = 0; bx < p.span; bx++) {
        const ox = (bx + n - p.half) % n;
        const jx = (xi + n - ox) % n;
        const d = (jx & 1) + 2 * (jy & 1);
        acc = f(acc + f(tb[p.tableBase + d * n * n + oy * n + ox]! * st[p.srcBase + jy * n + jx]!));
      }
    }
    out[i] = acc;
  }
  st.set(out, p.dstBase);
}

export function gridSheetUpdate(p: GridSheetUpdateParams, a: Arenas, step: number, baseStep: number): void {
  const { n, side, stateBase: b } = p;
  const st = a.state;
  let vx = p.vx, vy = p.vy;
  if (p.hasAgent) {
    vx = f(vx + a.tables[p.velBase + 2 * (step - baseStep)]!);
    vy = f(vy + a.tables[p.velBase + 2 * (step - baseStep) + 1]!);
  }
  // drive of each subpopulation: A + Aα ê·v (+x, −x, +y, −y)
  const drive = [f(p.A + f(p.alphaA * vx)), f(p.A - f(p.alphaA * vx)), f(p.A + f(p.alphaA * vy)), f(p.A - f(p.alphaA * vy))];
  for (let i = 0; i < n; i++) {
    const d = ((i % side) & 1) + 2 * (Math.floor(i / side) & 1);
    let input = f(st[b + n + i]! + drive[d]!);
    if (p.noiseOn) input = f(input + f(p.noise * rngNormal(p.seed, step, i, p.streamBase + 2)));
    const fr = f(p.gain * Math.max(0, input));
    st[b + i] = f(fr + f(f(st[b + i]! - fr) * p.decay));
  }
}
