/**
 * The continuous-attractor grid-cell sheet of Burak & Fiete (2009), periodic
 * network: side × side rate neurons on a torus,
 *   τ ds_i/dt + s_i = f(Σ_j W_ij s_j + B_i),  f(x) = G max(0, x),
 *   W_ij = W0(x_i − x_j − l ê_j),  W0(u) = a exp(−γ|u|²) − exp(−β|u|²),
 *   β = 3/λ_net², γ = 1.05 β,  B_i = A (1 + α ê_i · v),
 * with four direction-preferring subpopulations (ê = +x, −x, +y, −y)
 * interleaved in 2 × 2 blocks: neuron (x, y) prefers direction
 * (x mod 2) + 2 (y mod 2). Its outgoing weights are shifted by l along ê, so a
 * velocity input that favours one subpopulation pushes the pattern along.
 *
 * Weights are translation-invariant on the torus: W_ij depends on the offset
 * o = x_i − x_j (mod side) and the source's direction only, as four
 * side × side tables K_d(o) = W0(wrap(o − l ê_d)) (wrap: the minimal image on
 * the torus). The recurrent input is then a circular convolution, computed by
 * FFT on both backends from the spectra of `sheetSpectrumTables`.
 *
 * Reference: Burak Y, Fiete IR (2009) Accurate path integration in continuous
 * attractor network models of grid cells. PLoS Comput Biol 5(2):e1000291.
 */
import { Fft } from './fft';
import type { ParamTable } from './params';

const BF = 'Burak & Fiete 2009, PLoS Comput Biol 5:e1000291';

export const GRID_SHEET_PARAMS = {
  side: { default: 128, unit: 'neurons', min: 8, max: 512, integer: true, doc: 'neurons per side of the square sheet (a power of two; n = side²)', cite: `${BF} (n = 128 × 128)` },
  tau: { default: 0.01, unit: 's', min: 0.0005, max: 1, doc: 'time constant of the rate dynamics τ', cite: BF },
  lambdaNet: { default: 13, unit: 'neurons', min: 2, max: 100, doc: 'λ_net: sets β = 3/λ_net², the scale of the inhibitory surround and so the lattice period on the sheet', cite: BF },
  a: { default: 1, unit: '', min: 0, max: 10, doc: 'a: amplitude of the narrow term of W0 (a = 1: purely inhibitory weights)', cite: BF },
  gammaRatio: { default: 1.05, unit: '', min: 1, max: 10, doc: 'γ/β: width ratio of the two Gaussians of W0', cite: BF },
  shift: { default: 2, unit: 'neurons', min: 0, max: 8, integer: true, doc: 'l: shift of each neuron\'s outgoing weights along its preferred direction', cite: BF },
  gain: { default: 5, unit: '', min: 0, max: 100, doc: 'G: slope of the rectified transfer function f(x) = G max(0, x); with G = 1 the uniform state is linearly stable at these weights (largest eigenvalue 0.97) and no lattice forms', cite: 'Burak & Fiete\'s published code (FieteLab/Grid-cell-continuous-attractor-models, gc_periodic.m: r ← r + dt/τ (5 f − r))' },
  A: { default: 1, unit: 'input units', min: 0, max: 100, doc: 'A: feed-forward drive (envelope 1 on the periodic sheet)', cite: BF },
  alpha: { default: 0.10315, unit: 's/m', min: 0, max: 10, doc: 'α: velocity gain of the feed-forward drive B = A (1 + α ê·v)', cite: BF },
  vx: { default: 0, unit: 'm/s', min: -10, max: 10, doc: 'constant velocity added to the agent\'s (x); the only velocity without an agent' },
  vy: { default: 0, unit: 'm/s', min: -10, max: 10, doc: 'constant velocity added to the agent\'s (y)' },
  noise: { default: 0, unit: 'input units', min: 0, max: 10, doc: 's.d. of Gaussian input noise drawn every step' },
  sInit: { default: 0.1, unit: '', min: 0, max: 10, doc: 'initial activity: uniform in [0, sInit) from the seed (the lattice forms from this noise)' },
} as const satisfies ParamTable;

/** Order of a sheet's state sections: the activity s (named r, as rate units, so rate projections can read it) and the recurrent input. */
export const GRID_SHEET_SECTIONS = ['r', 'iIn'] as const;

/** Preferred directions by subpopulation d = (x mod 2) + 2 (y mod 2): +x, −x, +y, −y. */
export const SHEET_DIRECTIONS: readonly (readonly [number, number])[] = [[1, 0], [-1, 0], [0, 1], [0, -1]];

export interface SheetWeights {
  readonly lambdaNet: number;
  readonly a: number;
  readonly gammaRatio: number;
  readonly shift: number;
}

/** W0(|u|²) = a exp(−γ|u|²) − exp(−β|u|²). */
export function w0(r2: number, p: SheetWeights): number {
  const beta = 3 / (p.lambdaNet * p.lambdaNet);
  return p.a * Math.exp(-p.gammaRatio * beta * r2) - Math.exp(-beta * r2);
}

/** Minimal image of v on a ring of `side` points: in [−side/2, side/2). */
export function wrap(v: number, side: number): number {
  const m = ((v % side) + side) % side;
  return m >= side / 2 ? m - side : m;
}

/**
 * The four weight tables K_d(o) = W0(wrap(o − l ê_d)), at d·side² + o_y·side + o_x,
 * o_x, o_y ∈ [0, side): the weight from a neuron of direction d to the neuron o
 * away from it on the torus.
 */
export function sheetKernelTables(side: number, p: SheetWeights): Float32Array {
  const out = new Float32Array(4 * side * side);
  SHEET_DIRECTIONS.forEach(([ex, ey], d) => {
    for (let oy = 0; oy < side; oy++) {
      for (let ox = 0; ox < side; ox++) {
        const ux = wrap(ox - p.shift * ex, side);
        const uy = wrap(oy - p.shift * ey, side);
        out[d * side * side + oy * side + ox] = w0(ux * ux + uy * uy, p);
      }
    }
  });
  return out;
}

/** Floats of a sheet's spectrum tables (sheetSpectrumTables): M_q, re and im, then the twiddles. */
export const sheetSpectrumSize = (side: number): number => 8 * side * side + side;

/**
 * What the FFT convolution reads (src/model/kernels/grid-sheet.ts,
 * shaders/spatial/sheet-input.wgsl). With S_d the activity of subpopulation d
 * (zero elsewhere), the input's spectrum is Î = Σ_d K̂_d Ŝ_d; S_d = s · mask_d,
 * mask_d the 2 × 2 sublattice at p_d = (d mod 2, d div 2), so
 * Ŝ_d(k) = ¼ Σ_q (−1)^{q·p_d} ŝ(k + q side/2), q ∈ {0, 1}², and
 * Î(k) = Σ_q M_q(k) ŝ(k + q side/2) with M_q = ¼ Σ_d (−1)^{q·p_d} K̂_d: one
 * forward and one inverse 2-D FFT of the sheet a step.
 * Layout (side² = nn): M_q's real part at 2q·nn + k, its imaginary part at
 * (2q + 1)·nn + k, k = k_y·side + k_x, q = q_x + 2 q_y; then the twiddles
 * cos(2πj/side) at 8nn + j and sin(2πj/side) at 8nn + side/2 + j, j < side/2.
 * The spectra are computed in f64 (forward transforms of sheetKernelTables);
 * the last result is kept, so a live change of anything but the weights
 * (the parameters are written again) costs nothing (512²: ~0.2 s).
 */
export function sheetSpectrumTables(side: number, p: SheetWeights): Float32Array {
  const key = [side, p.lambdaNet, p.a, p.gammaRatio, p.shift].join(',');
  if (lastSpectra?.key !== key) lastSpectra = { key, tables: computeSpectrumTables(side, p) };
  return lastSpectra.tables;
}

let lastSpectra: { readonly key: string; readonly tables: Float32Array } | undefined;

function computeSpectrumTables(side: number, p: SheetWeights): Float32Array {
  const nn = side * side;
  const kernels = sheetKernelTables(side, p);
  const fft = new Fft(side);
  const out = new Float32Array(sheetSpectrumSize(side));
  const mRe = new Float64Array(nn), mIm = new Float64Array(nn);
  const spectra = [0, 1, 2, 3].map((d) => {
    const re = Float64Array.from(kernels.subarray(d * nn, (d + 1) * nn));
    const im = new Float64Array(nn);
    fft.transform2d(re, im, false);
    return { re, im };
  });
  for (let q = 0; q < 4; q++) {
    mRe.fill(0);
    mIm.fill(0);
    spectra.forEach(({ re, im }, d) => {
      // (−1)^{q·p_d}, p_d = (d mod 2, d div 2), q = (q mod 2, q div 2)
      const sign = ((q & 1) & (d & 1)) ^ ((q >> 1) & (d >> 1)) ? -0.25 : 0.25;
      for (let k = 0; k < nn; k++) {
        mRe[k]! += sign * re[k]!;
        mIm[k]! += sign * im[k]!;
      }
    });
    out.set(mRe, 2 * q * nn);
    out.set(mIm, (2 * q + 1) * nn);
  }
  for (let j = 0; j < side / 2; j++) {
    out[8 * nn + j] = Math.cos((2 * Math.PI * j) / side);
    out[8 * nn + side / 2 + j] = Math.sin((2 * Math.PI * j) / side);
  }
  return out;
}

/** Subpopulation (preferred direction) of neuron i of a sheet. */
export function sheetDirection(i: number, side: number): number {
  return (i % side & 1) + 2 * (Math.floor(i / side) & 1);
}
