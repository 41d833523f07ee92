/**
 * The scenario format (schemaVersion 1): a plain JSON document validated with
 * valibot. Model parameters are generated from the parameter tables in
 * src/model, so ranges and defaults have one source of truth.
 */
import * as v from 'valibot';
import { GRID_SHEET_PARAMS } from '../model/grid-sheet';
import { LIF_PARAMS } from '../model/lif';
import { RATE_PARAMS } from '../model/rate';
import { MODULATOR_PARAMS, POISSON_PARAMS, PROJECTION_PARAMS, RING_PROFILE_PARAMS, STIMULUS_PARAMS, STIMULUS_PLACE_PARAMS, STIMULUS_RANGE_PARAMS, STIMULUS_RING_PARAMS } from '../model/network-params';
import { MAX_NEURONS, type ParamSpec, type ParamTable } from '../model/params';
import { PLASTICITY_COMMON_PARAMS, PLASTICITY_RULE_PARAMS, SOURCE_PARAMS } from '../model/plasticity-params';
import { AGENT_PARAMS, BARRIER_PARAMS, BOX_PARAMS, GRID_POPULATION_PARAMS, PLACE_POPULATION_PARAMS, TRACK_PARAMS } from '../model/spatial-params';

export const SCHEMA_VERSION = 1;
export { MAX_NEURONS };
/** The most bins a weightHistogram probe may have. */
export const MAX_HISTOGRAM_BINS = 256;

/** A number within the spec's range (and whole where it says so). */
export function requiredParam(spec: ParamSpec) {
  return v.pipe(
    v.number(),
    v.finite(),
    v.check((x: number) => !spec.integer || Number.isInteger(x), 'must be a whole number'),
    v.minValue(spec.min, `must be ≥ ${spec.min} ${spec.unit}`),
    v.maxValue(spec.max, `must be ≤ ${spec.max} ${spec.unit}`),
  );
}

/** The same, filled with the spec's default when absent. */
export function paramSchema(spec: ParamSpec) {
  return v.optional(requiredParam(spec), spec.default);
}

function tableSchema<T extends ParamTable>(table: T) {
  const entries = {} as { [K in keyof T]: ReturnType<typeof paramSchema> };
  for (const key of Object.keys(table) as (keyof T)[]) entries[key] = paramSchema(table[key]!);
  return entries;
}

const num = (min: number, max: number, unit = '') =>
  v.pipe(v.number(), v.finite(), v.minValue(min, `must be ≥ ${min}${unit}`), v.maxValue(max, `must be ≤ ${max}${unit}`));
const int = (min: number, max: number) => v.pipe(num(min, max), v.integer('must be a whole number'));
const Id = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'must be 1–32 letters, digits, _ or -, starting with a letter'));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));

export const LifPopulation = v.strictObject({
  id: Id,
  kind: v.literal('lif'),
  n: int(1, MAX_NEURONS),
  synapse: v.optional(v.picklist(['conductance', 'current']), 'conductance'),
  ...tableSchema(LIF_PARAMS),
});

export const RatePopulation = v.strictObject({
  id: Id,
  kind: v.literal('rate'),
  n: int(1, MAX_NEURONS),
  ...tableSchema(RATE_PARAMS),
});

/** Spike sources: scheduled pulse trains and/or Poisson spikes (pairing protocols, input layers). */
export const SourcePopulation = v.strictObject({
  id: Id,
  kind: v.literal('source'),
  n: int(1, MAX_NEURONS),
  ...tableSchema(SOURCE_PARAMS),
});

/**
 * Feed-forward grid cells driven by the agent's position (needs the top-level
 * agent section): Poisson spikes at rMax × the grid field (src/model/spatial-params.ts).
 * n is modules × cellsPerModule (filled in; when given it must agree).
 */
export const GridPopulation = v.pipe(
  v.strictObject({
    id: Id,
    kind: v.literal('grid'),
    n: v.optional(int(1, MAX_NEURONS)),
    shape: v.optional(v.picklist(['rectified', 'shifted']), 'rectified'),
    ...tableSchema(GRID_POPULATION_PARAMS),
  }),
  v.check((p) => p.n === undefined || p.n === p.modules * p.cellsPerModule, 'n must equal modules × cellsPerModule (or be left out)'),
  v.transform((p) => ({ ...p, n: p.modules * p.cellsPerModule })),
);

/**
 * A continuous-attractor grid-cell sheet (Burak & Fiete 2009, periodic network;
 * src/model/grid-sheet.ts): side × side rate neurons on a torus that
 * path-integrate the agent's velocity (and the constant vx, vy). n is side²
 * (filled in; when given it must agree).
 */
export const GridSheetPopulation = v.pipe(
  v.strictObject({
    id: Id,
    kind: v.literal('gridSheet'),
    n: v.optional(int(1, MAX_NEURONS)),
    ...tableSchema(GRID_SHEET_PARAMS),
  }),
  v.check((p) => (p.side & (p.side - 1)) === 0, 'side must be a power of two (8, 16, 32, …)'),
  v.check((p) => p.n === undefined || p.n === p.side * p.side, 'n must equal side² (or be left out)'),
  v.transform((p) => ({ ...p, n: p.side * p.side })),
);

/** Feed-forward Gaussian place cells driven by the agent's position (needs the agent section; src/model/spatial-params.ts). */
export const PlacePopulation = v.strictObject({
  id: Id,
  kind: v.literal('place'),
  n: int(1, MAX_NEURONS),
  ...tableSchema(PLACE_POPULATION_PARAMS),
});

export const Population = v.variant('kind', [LifPopulation, RatePopulation, SourcePopulation, GridPopulation, PlacePopulation, GridSheetPopulation]);

/** Angular profile J(Δθ) = J− + (J+ − J−) exp(−Δθ²/2σ²), J− chosen so the mean is 1 (Compte et al. 2000). */
export const RingProfile = v.strictObject({
  kind: v.literal('ring'),
  ...tableSchema(RING_PROFILE_PARAMS),
});
export const UniformProfile = v.strictObject({ kind: v.literal('uniform') });

export const Connectivity = v.variant('kind', [
  v.strictObject({ kind: v.literal('allToAll'), profile: v.optional(v.variant('kind', [UniformProfile, RingProfile]), { kind: 'uniform' }) }),
  v.strictObject({ kind: v.literal('fixedInDegree'), k: int(1, 100000), autapses: v.optional(v.boolean(), false) }),
  v.strictObject({ kind: v.literal('oneToOne') }),
]);

/**
 * Receptors: ampa and gaba are spike-driven (events delivered to postsynaptic
 * conductances); nmda reads the presynaptic NMDA gating every step; rate reads
 * the presynaptic rate every step. Weight units: nS (conductance synapses),
 * pA (current synapses and rate → LIF), input units per Hz (rate → rate).
 */
/**
 * A plasticity rule on a spike-delivered projection: every synapse gets an
 * efficacy w (delivered weight = weight × w; × (w + z) with tagging and capture).
 * Equations and sources: src/model/plasticity-params.ts.
 */
const rule = <R extends string, T extends ParamTable>(name: R, table: T) =>
  v.strictObject({
    rule: v.literal(name),
    /** a neuromodulator whose level (modulators.<name>) multiplies the learning rate */
    modulator: v.optional(v.picklist(['none', 'dopamine', 'noradrenaline', 'acetylcholine']), 'none'),
    ...tableSchema(PLASTICITY_COMMON_PARAMS),
    ...tableSchema(table),
  });
export const Plasticity = v.variant('rule', [
  rule('stdp', PLASTICITY_RULE_PARAMS.stdp),
  rule('calcium', PLASTICITY_RULE_PARAMS.calcium),
  rule('bcm', PLASTICITY_RULE_PARAMS.bcm),
  rule('nmdaHebbian', PLASTICITY_RULE_PARAMS.nmdaHebbian),
  rule('tagCapture', PLASTICITY_RULE_PARAMS.tagCapture),
  rule('btsp', PLASTICITY_RULE_PARAMS.btsp),
]);

export const Projection = v.strictObject({
  id: Id,
  from: Id,
  to: Id,
  receptor: v.picklist(['ampa', 'gaba', 'nmda', 'rate']),
  weight: requiredParam(PROJECTION_PARAMS.weight),
  connectivity: Connectivity,
  plasticity: v.optional(Plasticity),
});

export const PoissonInput = v.strictObject({
  id: Id,
  kind: v.literal('poisson'),
  target: Id,
  receptor: v.picklist(['ampa', 'gaba']),
  rate: requiredParam(POISSON_PARAMS.rate),
  weight: requiredParam(POISSON_PARAMS.weight),
});

export const StimulusProfile = v.variant('kind', [
  v.strictObject({ kind: v.literal('uniform') }),
  v.strictObject({ kind: v.literal('ring'), center: requiredParam(STIMULUS_RING_PARAMS.center), width: requiredParam(STIMULUS_RING_PARAMS.width) }),
  v.strictObject({ kind: v.literal('range'), from: requiredParam(STIMULUS_RANGE_PARAMS.from), to: requiredParam(STIMULUS_RANGE_PARAMS.to) }),
]);

/** Current injection: amplitude in nA (LIF) or input units (rate), over [onset, onset + duration) s. */
export const CurrentStimulus = v.strictObject({
  id: Id,
  kind: v.literal('current'),
  target: Id,
  amplitude: requiredParam(STIMULUS_PARAMS.amplitude),
  onset: requiredParam(STIMULUS_PARAMS.onset),
  duration: requiredParam(STIMULUS_PARAMS.duration),
  profile: v.optional(StimulusProfile, { kind: 'uniform' }),
  /** a position gate: on for `plateau` s when the agent enters the disc, once per entry (STIMULUS_PLACE_PARAMS) */
  place: v.optional(v.strictObject(tableSchema(STIMULUS_PLACE_PARAMS))),
});

/**
 * The agent moving in an arena (RatInABox-style motion, src/model/spatial/agent.ts),
 * on the CPU; its position each step drives grid populations. Random motion
 * from the scenario seed, or an imported trajectory of [t (s), x (m), y (m)]
 * samples followed in time (looping at its end).
 */
export const Barrier = v.strictObject({
  x1: requiredParam(BARRIER_PARAMS.x1), y1: requiredParam(BARRIER_PARAMS.y1), x2: requiredParam(BARRIER_PARAMS.x2), y2: requiredParam(BARRIER_PARAMS.y2),
});
export const Arena = v.variant('kind', [
  v.strictObject({ kind: v.literal('box'), ...tableSchema(BOX_PARAMS), barriers: v.optional(v.pipe(v.array(Barrier), v.maxLength(64)), []) }),
  v.strictObject({ kind: v.literal('track'), ...tableSchema(TRACK_PARAMS) }),
]);
export const AgentSection = v.strictObject({
  arena: Arena,
  ...tableSchema(AGENT_PARAMS),
  start: v.optional(v.strictObject({ x: num(0, 1000, ' m'), y: num(0, 1000, ' m') })),
  trajectory: v.optional(v.pipe(
    v.array(v.tuple([num(0, 1e6, ' s'), num(0, 1000, ' m'), num(0, 1000, ' m')])),
    v.minLength(2, 'needs at least two samples'),
    v.maxLength(1_000_000, 'at most 10^6 samples'),
  )),
});

export const Probe = v.variant('kind', [
  // The agent's position (m) every everySteps steps, at the end of the step (as spike times).
  v.strictObject({ id: Id, kind: v.literal('agent'), everySteps: v.optional(int(1, 1_000_000), 10) }),
  v.strictObject({ id: Id, kind: v.literal('spikes'), population: Id, maxNeurons: v.optional(int(1, MAX_NEURONS)) }),
  v.strictObject({
    id: Id,
    kind: v.literal('rate'),
    population: Id,
    binSeconds: v.optional(num(1e-5, 100, ' s'), 0.01),
    groupSize: v.optional(int(1, MAX_NEURONS)),
  }),
  v.strictObject({
    id: Id,
    kind: v.literal('state'),
    population: Id,
    variable: v.string(),
    indices: v.pipe(v.array(int(0, MAX_NEURONS)), v.minLength(1, 'needs at least one index'), v.maxLength(64, 'at most 64 indices')),
    everySteps: v.optional(int(1, 1_000_000), 1),
  }),
  // Per-synapse variables of a plastic projection: w (efficacy), z (late weight), c (the rule's calcium signal).
  v.strictObject({
    id: Id,
    kind: v.literal('synapse'),
    projection: Id,
    variable: v.picklist(['w', 'z', 'c']),
    indices: v.pipe(v.array(int(0, 2 ** 31)), v.minLength(1, 'needs at least one index'), v.maxLength(64, 'at most 64 indices')),
    everySteps: v.optional(int(1, 1_000_000), 1),
  }),
  // Mean of a per-synapse variable over groups of groupSize consecutive synapses (presynaptic order): sweeps, learning curves.
  v.strictObject({
    id: Id,
    kind: v.literal('synapseMean'),
    projection: Id,
    variable: v.picklist(['w', 'z', 'c']),
    groupSize: int(1, 2 ** 31),
    everySteps: v.optional(int(1, 1_000_000), 100),
  }),
  // A grid sheet's whole activity (side × side, row-major) every everySteps steps: the sheet image.
  v.strictObject({ id: Id, kind: v.literal('sheet'), population: Id, everySteps: v.optional(int(1, 1_000_000), 20) }),
  // Occupancy-normalised rate maps of a population over the agent's arena, accumulated on the GPU every step; every
  // everySteps steps the per-cell statistics, the decoded position and the maps and gridness of the `cells` (src/model/kernels/rate-map.ts).
  v.strictObject({
    id: Id,
    kind: v.literal('rateMap'),
    population: Id,
    binSize: num(0.001, 100, ' m'),
    everySteps: v.optional(int(1, 1_000_000), 1000),
    cells: v.optional(v.pipe(v.array(int(0, MAX_NEURONS)), v.maxLength(16, 'at most 16 cells')), [0]),
  }),
  // Histogram of a plastic projection's efficacies w (or late weights z) over [min, max) in `bins` bins every everySteps steps.
  v.strictObject({
    id: Id,
    kind: v.literal('weightHistogram'),
    projection: Id,
    variable: v.optional(v.picklist(['w', 'z']), 'w'),
    bins: v.optional(int(2, MAX_HISTOGRAM_BINS), 40),
    min: num(-1e6, 1e6),
    max: num(-1e6, 1e6),
    everySteps: v.optional(int(1, 1_000_000), 1000),
  }),
  // Population-vector readout of a ring population from a rate probe's groups: bump angle and amplitude per bin.
  v.strictObject({ id: Id, kind: v.literal('bump'), source: Id }),
]);

/**
 * raster: spikes; rate and state: traces; bump: bump angle over time; profile:
 * rates over preferred angle; sheet: a grid sheet's activity as a heat map; sweep: a synapseMean probe's groups at the start and now, over x;
 * histogram: a weightHistogram probe's counts at the start and now, over the bins' centres.
 */
export const Plot = v.strictObject({
  kind: v.picklist(['raster', 'rate', 'state', 'bump', 'profile', 'ring', 'sweep', 'histogram', 'sheet', 'arena']),
  probe: Id,
  title: v.optional(Text(80)),
  /**
   * bump and profile plots: clicking at an angle moves this ring stimulus there and starts it 20 ms later;
   * arena plots: a click in place mode (or with Shift) moves this place-gated stimulus there, onto the selected cell
   */
  place: v.optional(Id),
  /** seconds of history shown (default per kind); e.g. hours for a time-lapse */
  window: v.optional(num(1e-3, 1e6, ' s')),
  /** state plots of a LIF population's v: draw the NMDA Mg2+ unblock B(V) instead (Jahr & Stevens 1990) */
  transform: v.optional(v.picklist(['mgBlock'])),
  /** horizontal reference lines (thresholds such as θd and θp on a calcium trace) */
  marks: v.optional(v.pipe(v.array(v.strictObject({ y: num(-1e9, 1e9), label: Text(32) })), v.maxLength(4)), []),
  /** sweep plots: group g of a synapseMean probe is drawn at x = from + g · step */
  x: v.optional(v.strictObject({ from: num(-1e9, 1e9), step: num(-1e9, 1e9), label: Text(40) })),
  /** arena plots (probe: the agent probe): the spikes probe whose cells get rate maps (the heat overlay, the gallery, the learning curves) */
  spikes: v.optional(Id),
  /** arena plots: a rateMap probe that maps a population without spikes (a grid sheet) in place of `spikes`: its cells fill the gallery */
  maps: v.optional(Id),
  /** arena plots: rate maps for the first `cells` neurons (default all, at most 256 unless given) */
  cells: v.optional(int(1, 4096)),
  /** arena plots: maps shown in the gallery (default 16) */
  gallery: v.optional(int(0, 64)),
  /** arena plots: rate-map bin size (default 1/40 of the arena's longer side) */
  binSize: v.optional(num(0.001, 100, ' m')),
});

export const ScenarioSchema = v.strictObject({
  schemaVersion: v.literal(SCHEMA_VERSION),
  id: Id,
  title: Text(80),
  description: v.optional(Text(600), ''),
  tags: v.optional(v.pipe(v.array(Text(24)), v.maxLength(8)), []),
  seed: v.optional(int(0, 0xffffffff), 1),
  dt: num(1e-6, 0.01, ' s'),
  duration: num(1e-6, 86400, ' s'),
  populations: v.pipe(v.array(Population), v.minLength(1, 'needs at least one population'), v.maxLength(32)),
  projections: v.optional(v.pipe(v.array(Projection), v.maxLength(128)), []),
  inputs: v.optional(v.pipe(v.array(PoissonInput), v.maxLength(64)), []),
  stimuli: v.optional(v.pipe(v.array(CurrentStimulus), v.maxLength(256)), []),
  modulators: v.optional(v.strictObject(tableSchema(MODULATOR_PARAMS)), {}),
  /**
   * Fast-forward of quiet periods (no stimulus, no scheduled source spikes, no
   * Poisson drive): only the slow plasticity variables advance, in steps of
   * `step` seconds, from `settle` s after activity ends until it resumes
   * (Luboeinski & Tetzlaff 2021 simulate hours of consolidation this way).
   */
  fastForward: v.optional(v.strictObject({ step: num(1e-3, 3600, ' s'), settle: v.optional(num(0, 3600, ' s'), 1) })),
  agent: v.optional(AgentSection),
  probes: v.optional(v.pipe(v.array(Probe), v.maxLength(64)), []),
  plots: v.optional(v.pipe(v.array(Plot), v.maxLength(16)), []),
  /**
   * One-click switches for a lecture: a button that sets the parameter at
   * `path` (an editable field) to `on` when pressed and to `off` when released
   * (learning gain 1/0, an NMDA block 0/1, a CREB current 0.1/0 nA).
   */
  switches: v.optional(v.pipe(v.array(v.strictObject({
    label: Text(40), path: v.pipe(v.string(), v.maxLength(200)), on: num(-1e9, 1e9), off: num(-1e9, 1e9),
  })), v.maxLength(12)), []),
});

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;
export type PopulationSpec = v.InferOutput<typeof Population>;
export type LifPopulationSpec = v.InferOutput<typeof LifPopulation>;
export type RatePopulationSpec = v.InferOutput<typeof RatePopulation>;
export type SourcePopulationSpec = v.InferOutput<typeof SourcePopulation>;
export type GridPopulationSpec = v.InferOutput<typeof GridPopulation>;
export type PlacePopulationSpec = v.InferOutput<typeof PlacePopulation>;
export type GridSheetPopulationSpec = v.InferOutput<typeof GridSheetPopulation>;
export type AgentSpec = v.InferOutput<typeof AgentSection>;
export type PlasticitySpec = v.InferOutput<typeof Plasticity>;
export type ProjectionSpec = v.InferOutput<typeof Projection>;
export type PoissonInputSpec = v.InferOutput<typeof PoissonInput>;
export type StimulusSpec = v.InferOutput<typeof CurrentStimulus>;
export type ProbeSpec = v.InferOutput<typeof Probe>;
export type PlotSpec = v.InferOutput<typeof Plot>;
