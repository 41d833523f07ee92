/**
 * CPU reference of the grid-sheet kernels (src/model/grid-sheet.ts):
 * - sheetInput (shaders/spatial/sheet-input.wgsl): the recurrent input
 *   I_i = Σ_j K_{d(j)}(x_i − x_j) s_j of every neuron, a circular convolution
 *   by FFT: Î(k) = Σ_q M_q(k) ŝ(k + q side/2) with the spectra M_q in
 *   `tables` (sheetSpectrumTables), one forward and one inverse 2-D FFT a
 *   step, in f64 over half spectra (the sheet is real; the GPU runs full
 *   complex transforms in f32).
 * - gridSheetUpdate (shaders/spatial/sheet-update.wgsl): s ← f + (s − f) e^(−dt/τ),
 *   0 below SHEET_ACTIVITY_FLOOR, f = G max(0, I + A + Aα ê·v + σ ξ), v the agent's velocity of the step
 *   (tables at velBase, uploaded per chunk) plus the constant (vx, vy); every
 *   operation and parameter in f32, as the shader's (the noise draw aside).
 * Both have WebAssembly forms with the same bits (wasm/grid-sheet.ts).
 */
import { RealFft2d } from '../fft';
import type { Arenas, GridSheetUpdateParams, SheetInputParams } from '../kernel-params';
import { rngNormal } from '../rng';

const f = Math.fround;

/** A real FFT of the sheet's side and its work buffers: the sheet's half spectrum, then the input's. */
interface Workspace {
  readonly fft: RealFft2d;
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly outRe: Float64Array;
  readonly outIm: Float64Array;
}

const workspaces = new Map<number, Workspace>();

function workspace(side: number): Workspace {
  let w = workspaces.get(side);
  if (!w) {
    const fft = new RealFft2d(side);
    const size = side * fft.width;
    w = { fft, re: new Float64Array(size), im: new Float64Array(size), outRe: new Float64Array(size), outIm: new Float64Array(size) };
    workspaces.set(side, w);
  }
  return w;
}

/**
 * Recurrent input of every neuron of the sheet by FFT convolution (see above),
 * over the half spectra (k_x ≤ side/2; the rest is the conjugate at −k).
 */
export function sheetInput(p: SheetInputParams, a: Arenas): void {
  const n = p.side;
  const nn = n * n;
  const h = n / 2;
  const tb = a.tables;
  const { fft, re, im, outRe, outIm } = workspace(n);
  const w = fft.width;
  fft.forward(a.state, p.srcBase, re, im);
  // M_q's real part at tb[mq + k], its imaginary part at tb[mq + nn + k] (sheetSpectrumTables)
  const m0 = p.tableBase, m1 = m0 + 2 * nn, m2 = m0 + 4 * nn, m3 = m0 + 6 * nn;
  for (let ky = 0; ky < n; ky++) {
    const ky2 = (ky + h) & (n - 1);
    // (k_x + side/2, ·) lies beyond the kept half for k_x > 0: the conjugate at (side/2 − k_x, −k_y)
    const my = (n - ky) & (n - 1), my2 = (n - ky2) & (n - 1);
    for (let kx = 0; kx < w; kx++) {
      const k = ky * n + kx;
      const a0r = re[ky * w + kx]!, a0i = im[ky * w + kx]!, a2r = re[ky2 * w + kx]!, a2i = im[ky2 * w + kx]!;
      let a1r: number, a1i: number, a3r: number, a3i: number;
      if (kx === 0) {
        a1r = re[ky * w + h]!; a1i = im[ky * w + h]!; a3r = re[ky2 * w + h]!; a3i = im[ky2 * w + h]!;
      } else {
        const mx = h - kx;
        a1r = re[my * w + mx]!; a1i = -im[my * w + mx]!; a3r = re[my2 * w + mx]!; a3i = -im[my2 * w + mx]!;
      }
      const m0r = tb[m0 + k]!, m0i = tb[m0 + nn + k]!, m1r = tb[m1 + k]!, m1i = tb[m1 + nn + k]!;
      const m2r = tb[m2 + k]!, m2i = tb[m2 + nn + k]!, m3r = tb[m3 + k]!, m3i = tb[m3 + nn + k]!;
      outRe[ky * w + kx] = m0r * a0r - m0i * a0i + m1r * a1r - m1i * a1i + m2r * a2r - m2i * a2i + m3r * a3r - m3i * a3i;
      outIm[ky * w + kx] = m0r * a0i + m0i * a0r + m1r * a1i + m1i * a1r + m2r * a2i + m2i * a2r + m3r * a3i + m3i * a3r;
    }
  }
  fft.inverse(outRe, outIm, a.state, p.dstBase, 1 / nn);
}

/**
 * Activity below which a sheet neuron's s is 0 (2^-64, as the shader's
 * ACTIVITY_FLOOR): a silent neuron's s decays by e^(−dt/τ) a step, and without
 * a floor it would spend hundreds of steps in f32's subnormal range (below
 * 2^-126) before reaching 0, where Intel CPUs take ~100 cycles an operation
 * (JavaScript and WebAssembly cannot flush subnormals to zero): measured on a
 * 2-core Intel Xeon VM, 11,667 of the 16,384 activities of `grid-attractor`
 * subnormal after 1 s and its update 10× slower (docs/benchmarks.md).
 */
export const SHEET_ACTIVITY_FLOOR = 2 ** -64;

/**
 * This step's drive of each subpopulation, A + Aα ê·v (+x, −x, +y, −y), and the
 * gain and decay, in f32 as the shader's uniforms hold them.
 */
export function sheetDrive(p: GridSheetUpdateParams, a: Arenas, step: number, baseStep: number) {
  let vx = f(p.vx), vy = f(p.vy);
  if (p.hasAgent) {
    vx = f(vx + a.tables[p.velBase + 2 * (step - baseStep)]!);
    vy = f(vy + a.tables[p.velBase + 2 * (step - baseStep) + 1]!);
  }
  const A = f(p.A), alphaA = f(p.alphaA);
  const drive = [f(A + f(alphaA * vx)), f(A - f(alphaA * vx)), f(A + f(alphaA * vy)), f(A - f(alphaA * vy))] as const;
  return { drive, gain: f(p.gain), decay: f(p.decay) };
}

export function gridSheetUpdate(p: GridSheetUpdateParams, a: Arenas, step: number, baseStep: number): void {
  const { n, side, stateBase: b } = p;
  const st = a.state;
  const { drive, gain, decay } = sheetDrive(p, a, step, baseStep);
  const noise = f(p.noise);
  // row by row: the subpopulation d = (x mod 2) + 2 (y mod 2) of each neuron
  for (let y = 0, i = 0; y < n / side; y++) {
    for (let x = 0; x < side; x++, i++) {
      let input = f(st[b + n + i]! + drive[(x & 1) + 2 * (y & 1)]);
      if (p.noiseOn) input = f(input + f(noise * rngNormal(p.seed, step, i, p.streamBase + 2)));
      const fr = f(gain * Math.max(0, input));
      const next = f(fr + f(f(st[b + i]! - fr) * decay));
      st[b + i] = next < SHEET_ACTIVITY_FLOOR ? 0 : next;
    }
  }
}
