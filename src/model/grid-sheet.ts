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
 * o = x_i − x_j (mod side) and the source's direction only. They are stored as
 * four side × side tables K_d(o) = W0(wrap(o − l ê_d)), wrap the minimal image
 * on the torus, with W0 truncated beyond the radius R of `stencilRadius`
 * (the weight mass dropped is below STENCIL_TOLERANCE of the total), so both
 * the GPU gather (shaders/spatial/sheet-input.wgsl, a stencil of offsets
 * |o_x|, |o_y| ≤ R + l) and the CPU reference (an FFT convolution of the same
 * tables, src/model/kernels/grid-sheet.ts) compute the same sum.
 *
 * Reference: Burak Y, Fiete IR (2009) Accurate path integration in continuous
 * attractor network models of grid cells. PLoS Comput Biol 5(2):e1000291.
 */
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

/** Largest fraction of the total weight mass Σ|W0| the truncated stencil may drop. */
export const STENCIL_TOLERANCE = 1e-6;

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

/**
 * The smallest whole radius R such that the weight mass of W0 on the integer
 * lattice beyond R, Σ_{|u| > R} |W0(u)|, is below STENCIL_TOLERANCE × Σ_u |W0(u)|:
 * every neuron's truncated input then differs from the untruncated one by
 * less than 1e-6 of the largest input the weights can give (all s equal).
 * λ_net = 13: R = 31.
 */
export function stencilRadius(p: SheetWeights): number {
  const beta = 3 / (p.lambdaNet * p.lambdaNet);
  // beyond this radius every term is below e^(−60) of the peak
  const far = Math.ceil(Math.sqrt(60 / (Math.min(1, p.gammaRatio) * beta))) + 1;
  const byR2 = new Float64Array(2 * far * far + 1);
  for (let y = -far; y <= far; y++) for (let x = -far; x <= far; x++) byR2[x * x + y * y]! += Math.abs(w0(x * x + y * y, p));
  let total = 0;
  for (const m of byR2) total += m;
  let tail = total;
  for (let r2 = 0; r2 < byR2.length; r2++) {
    tail -= byR2[r2]!;
    // R = floor(sqrt(r2)) keeps every |u|² ≤ R²; check at perfect squares only
    const r = Math.sqrt(r2 + 1);
    if (Number.isInteger(r) && tail < STENCIL_TOLERANCE * total) return r;
  }
  return far;
}

/** Minimal image of v on a ring of `side` points: in [−side/2, side/2). */
export function wrap(v: number, side: number): number {
  const m = ((v % side) + side) % side;
  return m >= side / 2 ? m - side : m;
}

/**
 * The four weight tables K_d(o) = W0(wrap(o − l ê_d)) (0 beyond the radius),
 * d·side² + o_y·side + o_x, o_x, o_y ∈ [0, side): the weight from a neuron of
 * direction d to the neuron o away from it on the torus.
 */
export function sheetKernelTables(side: number, p: SheetWeights, radius = stencilRadius(p)): Float32Array {
  const out = new Float32Array(4 * side * side);
  SHEET_DIRECTIONS.forEach(([ex, ey], d) => {
    for (let oy = 0; oy < side; oy++) {
      for (let ox = 0; ox < side; ox++) {
        const ux = wrap(ox - p.shift * ex, side);
        const uy = wrap(oy - p.shift * ey, side);
        const r2 = ux * ux + uy * uy;
        if (r2 <= radius * radius) out[d * side * side + oy * side + ox] = w0(r2, p);
      }
    }
  });
  return out;
}

/**
 * The offsets a neuron's gather visits: o_x, o_y ∈ [−half, span − half) (mod
 * side); the whole torus when the stencil (|o| ≤ R + l per axis) is wider than it.
 */
export function stencilSpan(side: number, radius: number, shift: number): { span: number; half: number } {
  const width = 2 * (radius + shift) + 1;
  return width >= side ? { span: side, half: side / 2 } : { span: width, half: radius + shift };
}

/** Subpopulation (preferred direction) of neuron i of a sheet. */
export function sheetDirection(i: number, side: number): number {
  return (i % side & 1) + 2 * (Math.floor(i / side) & 1);
}
