/**
 * Feed-forward grid cells: the sum of three plane waves at 60° to each other
 * (Solstad, Kiehn & Moser 2006, Hippocampus 16:1026; Blair et al. 2007;
 * RatInABox GridCells, George et al. 2024), grouped in modules that share a
 * spacing and an orientation (Stensola et al. 2012, Nature 492:72: spacing
 * ratio ≈ 1.42 between successive modules), each cell with its own phase.
 *
 * Conventions (all explicit because the literature mixes them):
 *  - spacing λ (m): the distance between neighbouring firing fields. The wave
 *    vectors have |k| = 4π / (√3 λ). (RatInABox's `gridscale` g is the plane
 *    wavelength, |k| = 2π/g, so λ = 2g/√3: its g = 0.3 m is λ = 0.346 m.)
 *  - orientation θ (rad): the angle, counter-clockwise from +x, of a lattice
 *    vector (the direction from one field to a nearest neighbour), taken in
 *    [0, 60°). The wave vectors point at θ + 30° + j·60°, j = 0, 1, 2
 *    (RatInABox's `orientation` is the first wave vector's angle: ours − 30°).
 *  - phase: a field centre c (m) of the cell, drawn uniformly over the unit
 *    cell {u a₁ + v a₂ : u, v ∈ [0, 1)} of the lattice (a₁, a₂ lattice vectors),
 *    so phases are uniform on the torus.
 *
 * With S(x) = (1/3) Σ_j cos(k_j · (x − c)) ∈ [−½, 1], the rate (in [0, 1]) is
 *  - 'shifted': (2/3)(S + ½), Solstad et al. 2006 Eq. 2 (RatInABox
 *    'shifted_cosines'): smooth, 0 only at the lattice's deepest points;
 *  - 'rectified': max(0, (S − T)/(1 − T)), RatInABox 'rectified_cosines'; its
 *    default width_ratio 4/(3√3) gives the threshold T = 0, used here.
 * Multiply by a peak rate (Hz) downstream.
 *
 * The parameter set is plain data (`GridPopulation`); `gridTables` flattens
 * it into the per-cell wave vectors and phases a GPU kernel reads, and
 * `gridRates` is the CPU evaluation of exactly those tables.
 */
import type { ParamTable } from '../params';
import { rngUniform } from '../rng';

export const GRID_PARAMS = {
  baseSpacing: { default: 0.3, unit: 'm', min: 0.05, max: 10, doc: 'field spacing λ of the smallest module', cite: 'Stensola et al. 2012 (smallest modules ≈ 0.3–0.4 m)' },
  spacingRatio: { default: 1.4, unit: '1', min: 1, max: 3, doc: 'ratio of successive module spacings', cite: 'Stensola et al. 2012 (≈ 1.42)' },
  modules: { default: 4, unit: '1', min: 1, max: 16, integer: true, doc: 'number of grid modules', cite: 'Stensola et al. 2012' },
  cellsPerModule: { default: 250, unit: '1', min: 1, max: 1_000_000, integer: true, doc: 'grid cells per module' },
  threshold: { default: 0, unit: '1', min: -0.5, max: 0.99, doc: "threshold T of the 'rectified' shape on the normalised sum S ∈ [−½, 1]", cite: 'George et al. 2024 (RatInABox rectified_cosines, width_ratio 4/(3√3) ↔ T = 0)' },
} as const satisfies ParamTable;

/** One module: cells sharing spacing (m) and orientation (rad). */
export interface GridModule {
  readonly spacing: number;
  readonly orientation: number;
  readonly count: number;
}

export type GridShape = 'shifted' | 'rectified';

/** A grid-cell population as data: cells are numbered module by module. */
export interface GridPopulation {
  readonly modules: readonly GridModule[];
  /** field centre (m) of each cell, the cell's phase */
  readonly phaseX: Float32Array;
  readonly phaseY: Float32Array;
  readonly shape: GridShape;
  /** threshold T of the rectified shape */
  readonly threshold: number;
}

/** RNG streams of the phases (u and v coordinates in the unit cell). */
export const GRID_PHASE_STREAM = 0x20000100;

/**
 * Modules with geometric spacings baseSpacing · ratio^m (m) and the given
 * orientations (rad; default spread evenly over the 60° of lattice symmetry,
 * m · 60°/M, so the modules' lattices are not aligned).
 */
export function geometricModules(opts: {
  modules: number;
  cellsPerModule: number;
  baseSpacing?: number;
  spacingRatio?: number;
  orientations?: readonly number[];
}): GridModule[] {
  const { modules, cellsPerModule } = opts;
  const base = opts.baseSpacing ?? GRID_PARAMS.baseSpacing.default;
  const ratio = opts.spacingRatio ?? GRID_PARAMS.spacingRatio.default;
  if (opts.orientations && opts.orientations.length !== modules) {
    throw new RangeError(`orientations: expected ${modules} values (one per module), got ${opts.orientations.length}`);
  }
  return Array.from({ length: modules }, (_, m) => ({
    spacing: base * ratio ** m,
    orientation: opts.orientations?.[m] ?? (m * Math.PI) / (3 * modules),
    count: cellsPerModule,
  }));
}

/** Lattice vectors (m) of a module: length λ at θ and θ + 60°. */
export function latticeVectors(module: GridModule): [{ x: number; y: number }, { x: number; y: number }] {
  const { spacing: l, orientation: o } = module;
  return [
    { x: l * Math.cos(o), y: l * Math.sin(o) },
    { x: l * Math.cos(o + Math.PI / 3), y: l * Math.sin(o + Math.PI / 3) },
  ];
}

/** The three wave vectors (rad/m) of a module: |k| = 4π/(√3 λ) at θ + 30° + j·60°. */
export function waveVectors(module: GridModule): { x: number; y: number }[] {
  const k = (4 * Math.PI) / (Math.sqrt(3) * module.spacing);
  return [0, 1, 2].map((j) => {
    const a = module.orientation + Math.PI / 6 + (j * Math.PI) / 3;
    return { x: k * Math.cos(a), y: k * Math.sin(a) };
  });
}

/** RNG streams of the realignment shifts (u and v coordinates in the unit cell, one draw per module). */
export const GRID_REALIGNMENT_STREAM = 0x20000110;

/**
 * A population with phases drawn uniformly over each module's unit cell,
 * reproducibly from seed. Realignment k > 0 shifts every phase of module m by
 * one vector drawn uniformly over that module's unit cell from (seed, k, m):
 * the modules realign independently and coherently within each module, as
 * grid cells do when the hippocampus remaps globally (Fyhn et al. 2007, Nature
 * 446:190; Stensola et al. 2012; such modular realignment remaps a place map
 * read out from the grid cells: Monaco & Abbott 2011, J Neurosci 31:9414).
 * Realignment 0 is the seed's own phases.
 */
export function makeGridPopulation(
  modules: readonly GridModule[],
  seed: number,
  shape: GridShape = 'rectified',
  threshold: number = GRID_PARAMS.threshold.default,
  realignment = 0,
): GridPopulation {
  if (!Number.isInteger(realignment) || realignment < 0) throw new RangeError(`realignment: expected a whole number ≥ 0, got ${realignment}`);
  modules.forEach((m, i) => {
    if (!(m.spacing > 0) || !Number.isFinite(m.orientation) || !Number.isInteger(m.count) || m.count < 0) {
      throw new RangeError(`modules[${i}]: needs spacing > 0 m, a finite orientation and a whole count ≥ 0`);
    }
  });
  const total = modules.reduce((s, m) => s + m.count, 0);
  const phaseX = new Float32Array(total), phaseY = new Float32Array(total);
  let cell = 0;
  modules.forEach((m, index) => {
    const [a1, a2] = latticeVectors(m);
    const su = realignment > 0 ? rngUniform(seed, realignment, index, GRID_REALIGNMENT_STREAM) : 0;
    const sv = realignment > 0 ? rngUniform(seed, realignment, index, GRID_REALIGNMENT_STREAM + 1) : 0;
    for (let i = 0; i < m.count; i++, cell++) {
      // the shifted phase wrapped back into the unit cell (the lattice is periodic)
      const u = (rngUniform(seed, 0, cell, GRID_PHASE_STREAM) + su) % 1, v = (rngUniform(seed, 0, cell, GRID_PHASE_STREAM + 1) + sv) % 1;
      phaseX[cell] = u * a1.x + v * a2.x;
      phaseY[cell] = u * a1.y + v * a2.y;
    }
  });
  return { modules: [...modules], phaseX, phaseY, shape, threshold };
}

/**
 * Per-cell constants for evaluation, cell-major with 3 entries per cell
 * (j = 0, 1, 2): wave vector kx, ky (rad/m) and phase k·c (rad), rounded to
 * f32 so CPU and GPU evaluate the same numbers. rate = shape((1/3) Σ_j cos(kx x + ky y − phase)).
 */
export interface GridTables {
  readonly n: number;
  readonly kx: Float32Array;
  readonly ky: Float32Array;
  readonly phase: Float32Array;
  readonly shape: GridShape;
  readonly threshold: number;
}

export function gridTables(pop: GridPopulation): GridTables {
  const n = pop.phaseX.length;
  const kx = new Float32Array(3 * n), ky = new Float32Array(3 * n), phase = new Float32Array(3 * n);
  let cell = 0;
  for (const m of pop.modules) {
    const ks = waveVectors(m);
    for (let i = 0; i < m.count; i++, cell++) {
      ks.forEach((k, j) => {
        kx[3 * cell + j] = k.x;
        ky[3 * cell + j] = k.y;
        phase[3 * cell + j] = k.x * pop.phaseX[cell]! + k.y * pop.phaseY[cell]!;
      });
    }
  }
  return { n, kx, ky, phase, shape: pop.shape, threshold: pop.threshold };
}

/** Rates in [0, 1] of every cell at (x, y) (m), written into out (length ≥ n). */
export function gridRates(tables: GridTables, x: number, y: number, out: Float32Array = new Float32Array(tables.n)): Float32Array {
  const { n, kx, ky, phase, threshold } = tables;
  const rectified = tables.shape === 'rectified';
  for (let c = 0; c < n; c++) {
    const b = 3 * c;
    const s = (Math.cos(kx[b]! * x + ky[b]! * y - phase[b]!) +
      Math.cos(kx[b + 1]! * x + ky[b + 1]! * y - phase[b + 1]!) +
      Math.cos(kx[b + 2]! * x + ky[b + 2]! * y - phase[b + 2]!)) / 3;
    out[c] = rectified ? Math.max(0, (s - threshold) / (1 - threshold)) : (2 / 3) * (s + 0.5);
  }
  return out;
}
