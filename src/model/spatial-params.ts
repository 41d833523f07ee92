/**
 * Parameter tables of the spatial parts of a scenario (issue 4): the arena
 * the agent moves in, and feed-forward grid-cell populations. The agent's
 * motion parameters are AGENT_PARAMS (src/model/spatial/agent.ts); the grid
 * conventions (spacing λ with |k| = 4π/(√3 λ), orientation of a lattice
 * vector, phases uniform over the unit cell) are those of
 * src/model/spatial/grid-cells.ts.
 */
import type { ParamTable } from './params';
import { AGENT_PARAMS } from './spatial/agent';
import { GRID_PARAMS } from './spatial/grid-cells';

export { AGENT_PARAMS };

/** A rectangular box [0, width] × [0, height] (m) with walls. */
export const BOX_PARAMS = {
  width: { default: 1, unit: 'm', min: 0.05, max: 100, doc: 'width of the box (x)' },
  height: { default: 1, unit: 'm', min: 0.05, max: 100, doc: 'height of the box (y)' },
} as const satisfies ParamTable;

/** A linear track [0, length] (m); the agent runs laps, y = 0. */
export const TRACK_PARAMS = {
  length: { default: 2, unit: 'm', min: 0.05, max: 1000, doc: 'length of the linear track' },
} as const satisfies ParamTable;

/** An inner barrier: a wall from (x1, y1) to (x2, y2), m. */
export const BARRIER_PARAMS = {
  x1: { default: 0, unit: 'm', min: 0, max: 100, doc: 'x of the barrier\'s first end' },
  y1: { default: 0, unit: 'm', min: 0, max: 100, doc: 'y of the barrier\'s first end' },
  x2: { default: 0, unit: 'm', min: 0, max: 100, doc: 'x of the barrier\'s second end' },
  y2: { default: 0, unit: 'm', min: 0, max: 100, doc: 'y of the barrier\'s second end' },
} as const satisfies ParamTable;

/**
 * Feed-forward place cells as RatInABox's PlaceCells with the 'gaussian'
 * description (George et al. 2024, eLife 13:e85274): cell i fires Poisson spikes
 * at rMax · exp(−d²/2σ²), d the distance from the agent to its centre; centres
 * uniform over the arena (a track: along it), drawn from the scenario seed.
 */
export const PLACE_POPULATION_PARAMS = {
  rMax: { default: 20, unit: 'Hz', min: 0, max: 1000, doc: 'peak firing rate at the field centre', cite: "O'Keefe & Dostrovsky 1971 (in-field rates ≈ 10–40 Hz)" },
  width: { default: 0.2, unit: 'm', min: 0.005, max: 100, doc: 'σ of the Gaussian field', cite: 'RatInABox PlaceCells default widths 0.2 m' },
} as const satisfies ParamTable;

/**
 * Feed-forward grid cells (Solstad, Kiehn & Moser 2006; Stensola et al. 2012):
 * cell i of module m fires Poisson spikes at rMax × g(x, y), g ∈ [0, 1] the
 * normalised sum of three cosines at 60° (rectified at `threshold`, or
 * 'shifted'). Module m has spacing baseSpacing · spacingRatio^m and
 * orientation orientation + m · orientationStep; cells are numbered module by
 * module; phases come from the scenario seed, each module's shifted as a whole
 * by `realignment` (an environment change; live).
 */
export const GRID_POPULATION_PARAMS = {
  rMax: { default: 20, unit: 'Hz', min: 0, max: 1000, doc: 'peak firing rate at a field centre', cite: 'Hafting et al. 2005 (peak rates ≈ 10–30 Hz)' },
  modules: GRID_PARAMS.modules,
  cellsPerModule: { ...GRID_PARAMS.cellsPerModule, default: 50 },
  baseSpacing: GRID_PARAMS.baseSpacing,
  spacingRatio: GRID_PARAMS.spacingRatio,
  orientation: { default: 0, unit: '°', min: 0, max: 60, doc: 'orientation of the first module\'s lattice (a lattice vector\'s angle from +x; 60° periodic)' },
  orientationStep: { default: 0, unit: '°', min: -60, max: 60, doc: 'orientation added per module (0: every module aligned)', cite: 'Stensola et al. 2012 (modules differ by a few degrees)' },
  threshold: GRID_PARAMS.threshold,
  realignment: {
    default: 0, unit: '1', min: 0, max: 1_000_000, integer: true,
    doc: 'environment: 0 the seed\'s phases; k > 0 shifts each module\'s phases by its own random vector (from seed, k, module), which remaps place cells read out from these grid cells',
    cite: 'Fyhn et al. 2007 (grid realignment with global remapping); Monaco & Abbott 2011 (modular realignment remaps place cells)',
  },
} as const satisfies ParamTable;
