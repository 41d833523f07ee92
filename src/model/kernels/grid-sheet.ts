/**
 * CPU reference of the grid-sheet kernels (src/model/grid-sheet.ts):
 * - sheetInput (shaders/spatial/sheet-input.wgsl): the recurrent input
 *   I_i = Σ_j K_{d(j)}(x_i − x_j) s_j of every neuron, a circular convolution
 *   by FFT: Î(k) = Σ_q M_q(k) ŝ(k + q side/2) with the spectra M_q in
 *   `tables` (sheetSpectrumTables), one forward and one inverse 2-D FFT a
 *   step, in f64 (the GPU runs the same transforms in f32).
 * - gridSheetUpdate (shaders/spatial/sheet-update.wgsl): s ← f + (s − f) e^(−dt/τ),
 *   f = G max(0, I + A + Aα ê·v + σ ξ), v the agent's velocity of the step
 *   (tables at velBase, uploaded per chunk) plus the constant (vx, vy).
 */
import { Fft } from '../fft';
import type { Arenas, GridSheetUpdateParams, SheetInputParams } from '../kernel-params';
import { rngNormal } from '../rng';

const f = Math.fround;

/** An FFT of the sheet's side and its work buffers: the sheet's spectrum, then the input's. */
interface Workspace {
  readonly fft: Fft;
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly outRe: Float64Array;
  readonly outIm: Float64Array;
}

const workspaces = new Map<number, Workspace>();

function workspace(side: number): Workspace {
  let w = workspaces.get(side);
  if (!w) {
    const nn = side * side;
    w = { fft: new Fft(side), re: new Float64Array(nn), im: new Float64Array(nn), outRe: new Float64Array(nn), outIm: new Float64Array(nn) };
    workspaces.set(side, w);
  }
  return w;
}

/** Recurrent input of every neuron of the sheet by FFT convolution (see above). */
export function sheetInput(p: SheetInputParams, a: Arenas): void {
  const n = p.side;
  const nn = n * n;
  const h = n / 2;
  const st = a.state, tb = a.tables;
  const { fft, re, im, outRe, outIm } = workspace(n);
  for (let i = 0; i < nn; i++) {
    re[i] = st[p.srcBase + i]!;
    im[i] = 0;
  }
  fft.transform2d(re, im, false);
  // M_q's real and imaginary planes (sheetSpectrumTables)
  const m = (plane: number) => tb.subarray(p.tableBase + plane * nn, p.tableBase + (plane + 1) * nn);
  const [m0r, m0i, m1r, m1i, m2r, m2i, m3r, m3i] = [0, 1, 2, 3, 4, 5, 6, 7].map(m) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
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
