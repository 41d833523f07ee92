/**
 * Parameter structs of the step kernels: one source of truth for the CPU
 * reference kernels (which read these objects) and the WGSL uniforms (packed
 * from them in field order, 4 bytes each; tests/layout checks the WGSL structs
 * against these lists). Offsets ("…Base") index the arenas in elements.
 */
export type ScalarType = 'u32' | 'i32' | 'f32';
export type StructLayout = Readonly<Record<string, ScalarType>>;
export type StructValues<L extends StructLayout> = { -readonly [K in keyof L]: number };

/** Per-step clock, bound with a dynamic offset (one 256-byte slot per step of a chunk). */
export const CLOCK_LAYOUT = { stepInChunk: 'u32' } as const satisfies StructLayout;
/** Per-chunk values, written before each submit: its first step and its length. */
export const CHUNK_LAYOUT = { baseStep: 'u32', steps: 'u32' } as const satisfies StructLayout;

export const LIF_UPDATE_LAYOUT = {
  n: 'u32',
  stateBase: 'u32',
  accBase: 'u32',
  spikeBase: 'u32',
  recordBase: 'u32',
  recordLimit: 'u32',
  recordCap: 'u32',
  countsBase: 'u32',
  countGroupSize: 'u32',
  countGroups: 'u32',
  binSteps: 'u32',
  poissonBase: 'u32',
  poissonAmpa: 'u32',
  poissonGaba: 'u32',
  hasNmdaIn: 'u32',
  hasRateIn: 'u32',
  hasStimulus: 'u32',
  hasNmdaOut: 'u32',
  adaptOn: 'u32',
  conductance: 'u32',
  refSteps: 'u32',
  seed: 'u32',
  streamBase: 'u32',
  decayAmpa: 'f32',
  decayGaba: 'f32',
  decayNmdaRise: 'f32',
  nmdaDecayRate: 'f32',
  alphaNmda: 'f32',
  dt: 'f32',
  invC: 'f32',
  gL: 'f32',
  EL: 'f32',
  Vth: 'f32',
  Vreset: 'f32',
  Eampa: 'f32',
  Egaba: 'f32',
  Enmda: 'f32',
  mgFactor: 'f32',
  invScaleAmpa: 'f32',
  invScaleGaba: 'f32',
  wPoissonAmpa: 'f32',
  wPoissonGaba: 'f32',
  iBias: 'f32',
  decayAdapt: 'f32',
  adaptIncrement: 'f32',
  EK: 'f32',
} as const satisfies StructLayout;

export const RATE_UPDATE_LAYOUT = {
  n: 'u32',
  stateBase: 'u32',
  hasRateIn: 'u32',
  hasStimulus: 'u32',
  noiseOn: 'u32',
  seed: 'u32',
  streamBase: 'u32',
  decay: 'f32',
  gain: 'f32',
  threshold: 'f32',
  rMax: 'f32',
  bias: 'f32',
  noise: 'f32',
} as const satisfies StructLayout;

/** Push delivery over a by-presynaptic CSR (fixedInDegree, oneToOne) into fixed-point accumulators. */
export const DELIVER_SPARSE_LAYOUT = {
  preSpikeBase: 'u32',
  preN: 'u32',
  rowBase: 'u32',
  targetBase: 'u32',
  postAccBase: 'u32',
  weight: 'i32',
} as const satisfies StructLayout;

/** All-to-all delivery: each postsynaptic cell sums its fixed-point weights over the spike list. */
export const DELIVER_DENSE_LAYOUT = {
  preSpikeBase: 'u32',
  preN: 'u32',
  postN: 'u32',
  postAccBase: 'u32',
  tableBase: 'u32',
  ring: 'u32',
} as const satisfies StructLayout;

/** Continuous input over a fixed in-degree index list: dst[i] (+)= w Σ_k src[pre(i, k)]. */
export const GATHER_SPARSE_LAYOUT = {
  postN: 'u32',
  k: 'u32',
  srcBase: 'u32',
  dstBase: 'u32',
  connBase: 'u32',
  accumulate: 'u32',
  weight: 'f32',
} as const satisfies StructLayout;

/** All-to-all continuous input, part 1: Fourier modes of the presynaptic vector into a state scratch section. */
export const GATHER_MODES_LAYOUT = {
  preN: 'u32',
  srcBase: 'u32',
  modesBase: 'u32',
  modeCount: 'u32',
  trigBase: 'u32',
} as const satisfies StructLayout;

/** All-to-all continuous input, part 2: dst[i] (+)= Σ_k c_k (a_k cos(2πki/N) + b_k sin(2πki/N)). */
export const GATHER_EXPAND_LAYOUT = {
  postN: 'u32',
  preN: 'u32',
  dstBase: 'u32',
  modesBase: 'u32',
  modeCount: 'u32',
  trigBase: 'u32',
  coefBase: 'u32',
  accumulate: 'u32',
} as const satisfies StructLayout;

/** Copies selected state values into the sample arena on every everySteps-th step. */
export const STATE_PROBE_LAYOUT = {
  count: 'u32',
  srcBase: 'u32',
  indexBase: 'u32',
  samplesBase: 'u32',
  everySteps: 'u32',
} as const satisfies StructLayout;

/** A spike-source population: scheduled trains of pulses (bursts) and/or Poisson spikes. */
export const SOURCE_UPDATE_LAYOUT = {
  n: 'u32',
  spikeBase: 'u32',
  recordBase: 'u32',
  recordLimit: 'u32',
  recordCap: 'u32',
  countsBase: 'u32',
  countGroupSize: 'u32',
  countGroups: 'u32',
  binSteps: 'u32',
  seed: 'u32',
  streamBase: 'u32',
  onsetSteps: 'i32',
  intervalSteps: 'u32',
  count: 'u32',
  burst: 'u32',
  burstSteps: 'u32',
  trains: 'u32',
  trainSteps: 'u32',
  poissonOn: 'u32',
  offsetSteps: 'f32',
  pSpike: 'f32',
  /** frequency sweeps: neuron i's interval is round(1 / (freq0Dt + i · freqStepDt)) steps when freqStepDt ≠ 0 */
  freq0Dt: 'f32',
  freqStepDt: 'f32',
} as const satisfies StructLayout;

/**
 * Feed-forward grid cells (shaders/spatial/grid-update.wgsl): cell i fires a
 * Poisson spike with probability pScale · g(x, y), g the grid field at the
 * agent's position of this step (pathBase + 2 · (step − baseStep) in tables),
 * with S = Σ_j cos(kx_j x + ky_j y − phase_j) the probability is
 * pScale · max(0, S − offset): rectified shape offset = 3T, pScale =
 * rMax dt / (3 (1 − T)); shifted shape offset = −1.5, pScale = (2/9) rMax dt.
 * Per-cell kx, ky, phase at tableBase (3n each: kx, then ky, then phase;
 * cell-major, 3 per cell). Place cells (gaussian = 1) use the same kernel: the
 * probability is pScale · 2^(d² · offset), offset = −log2(e)/2σ², centres
 * (x, y) per cell at tableBase (2n: x, then y).
 */
export const GRID_UPDATE_LAYOUT = {
  gaussian: 'u32',
  n: 'u32',
  spikeBase: 'u32',
  recordBase: 'u32',
  recordLimit: 'u32',
  recordCap: 'u32',
  countsBase: 'u32',
  countGroupSize: 'u32',
  countGroups: 'u32',
  binSteps: 'u32',
  seed: 'u32',
  streamBase: 'u32',
  tableBase: 'u32',
  pathBase: 'u32',
  offset: 'f32',
  pScale: 'f32',
} as const satisfies StructLayout;

/**
 * A place-gated stimulus on one population (shaders/spatial/place-stimulus.wgsl):
 * its block in state holds per neuron the host-written current (section 0),
 * the plateau steps left (1) and whether the gate is armed (2).
 */
export const PLACE_STIMULUS_LAYOUT = {
  n: 'u32',
  blockBase: 'u32',
  iExtBase: 'u32',
  pathBase: 'u32',
  first: 'u32',
  last: 'u32',
  onStep: 'u32',
  offStep: 'u32',
  plateauSteps: 'f32',
  x: 'f32',
  y: 'f32',
  radius2: 'f32',
  amplitude: 'f32',
} as const satisfies StructLayout;

/**
 * Per-neuron plasticity traces of one side of a plastic projection, one step:
 * every neuron's decay, delayed calcium arrivals, rate estimate, BCM threshold
 * and protein pool, then the jumps of the neurons in this step's spike list
 * (spk, +1 on t1, t2, +rateJump Hz, a calcium transient delaySteps ahead).
 * Sections: see TRACE_SECTIONS.
 */
export const TRACE_UPDATE_LAYOUT = {
  n: 'u32',
  traceBase: 'u32',
  protein: 'u32',
  protAccBase: 'u32',
  decay1: 'f32',
  decay2: 'f32',
  decayCa: 'f32',
  rateKeep: 'f32',
  thetaRate: 'f32',
  invY0: 'f32',
  protKeep: 'f32',
  protAlpha: 'f32',
  protThreshold: 'f32',
  protInvScale: 'f32',
  spikeBase: 'u32',
  delaySteps: 'u32',
  rateJump: 'f32',
} as const satisfies StructLayout;

/** One step of a plasticity rule over every synapse of a projection, or over the inputs of the cells that spiked (src/model/kernels/plasticity.ts). */
export const PLASTICITY_LAYOUT = {
  rule: 'u32',
  synCount: 'u32',
  dense: 'u32',
  preN: 'u32',
  postN: 'u32',
  preConnBase: 'u32',
  postConnBase: 'u32',
  wBase: 'u32',
  zBase: 'u32',
  cBase: 'u32',
  storeC: 'u32',
  preTraceBase: 'u32',
  postTraceBase: 'u32',
  vBase: 'u32',
  hasV: 'u32',
  protAccBase: 'u32',
  proteinBase: 'u32',
  seed: 'u32',
  stream: 'u32',
  softBounds: 'u32',
  trkbBlock: 'u32',
  /** the postsynaptic population's spike lists (the event-driven form: shaders/plasticity/plasticity-events.wgsl) */
  postSpikeBase: 'u32',
  gain: 'f32',
  wMin: 'f32',
  wMax: 'f32',
  aPlus: 'f32',
  aMinus: 'f32',
  a3Plus: 'f32',
  a3Minus: 'f32',
  cPre: 'f32',
  cPost: 'f32',
  thetaD: 'f32',
  thetaP: 'f32',
  gammaD: 'f32',
  gammaP: 'f32',
  rhoStar: 'f32',
  dtOverTau: 'f32',
  noiseAmp: 'f32',
  etaDt: 'f32',
  mgFactor: 'f32',
  nmdaOpen: 'f32',
  hMax: 'f32',
  tagThreshold: 'f32',
  dtOverTauZ: 'f32',
  protScale: 'f32',
  bdnf: 'f32',
  gammaH: 'f32',
} as const satisfies StructLayout;

/** Spike delivery through per-synapse efficacies: acc[post] += round(weight · w (+ z) · scale). */
export const DELIVER_PLASTIC_LAYOUT = {
  preSpikeBase: 'u32',
  preN: 'u32',
  postN: 'u32',
  dense: 'u32',
  rowBase: 'u32',
  postConnBase: 'u32',
  postAccBase: 'u32',
  wBase: 'u32',
  zBase: 'u32',
  late: 'u32',
  weightScale: 'f32',
} as const satisfies StructLayout;

/** Mean of a per-synapse variable over groups of consecutive synapses, sampled every everySteps-th step. */
export const SYNAPSE_MEAN_LAYOUT = {
  groups: 'u32',
  groupSize: 'u32',
  synCount: 'u32',
  srcBase: 'u32',
  samplesBase: 'u32',
  everySteps: 'u32',
} as const satisfies StructLayout;

/**
 * Rate-map probe, per step (shaders/probe/map-accumulate.wgsl): the agent's bin
 * b from its position at pathBase + 2 (step − baseStep) in tables (nx × ny bins
 * over [0, width] × [0, height] m; outside: no bin); occupancy[b] += dt (s) and
 * per cell maps[b·n + i] += its events (bin-major) (1 per spike of this step's list when
 * spiking, else r·dt from state at rBase), window[i] += the same events, and the
 * window's Σx, Σy (m) and step count at posBase (all in state).
 */
export const MAP_ACCUMULATE_LAYOUT = {
  n: 'u32',
  spiking: 'u32',
  spikeBase: 'u32',
  rBase: 'u32',
  pathBase: 'u32',
  nx: 'u32',
  ny: 'u32',
  occBase: 'u32',
  mapBase: 'u32',
  windowBase: 'u32',
  posBase: 'u32',
  width: 'f32',
  height: 'f32',
  dt: 'f32',
} as const satisfies StructLayout;

/**
 * Rate-map statistics per cell every everySteps-th step (shaders/probe/map-stats.wgsl),
 * into samples at samplesBase + slot·stride: peak, mean rate (Hz), Skaggs
 * information (bits/spike), field count and field area (m²), n floats each.
 */
export const MAP_STATS_LAYOUT = {
  n: 'u32',
  nx: 'u32',
  ny: 'u32',
  occBase: 'u32',
  mapBase: 'u32',
  samplesBase: 'u32',
  stride: 'u32',
  everySteps: 'u32',
  threshold: 'f32',
  binArea: 'f32',
} as const satisfies StructLayout;

/**
 * Population-vector decoding of the window and the selected cells' maps every
 * everySteps-th step (shaders/probe/map-decode.wgsl), into samples at
 * samplesBase + slot·stride + 5n: [bin, x̂, ŷ, error (m)] (−1 each when nothing
 * can be decoded), then selCount maps of nx·ny rates (Hz; −1 unvisited) of the
 * cells listed at selBase in conn. Clears the window afterwards.
 */
export const MAP_DECODE_LAYOUT = {
  n: 'u32',
  nx: 'u32',
  ny: 'u32',
  occBase: 'u32',
  mapBase: 'u32',
  windowBase: 'u32',
  posBase: 'u32',
  scoreBase: 'u32',
  samplesBase: 'u32',
  stride: 'u32',
  everySteps: 'u32',
  selBase: 'u32',
  selCount: 'u32',
  width: 'f32',
  height: 'f32',
} as const satisfies StructLayout;

/**
 * Gridness of the selected cells' maps every everySteps-th step, after
 * mapDecode (shaders/probe/map-gridness.wgsl): the maps at mapsAt within the
 * readout slot, each cell's autocorrelogram ((2nx − 1)(2ny − 1) values) at
 * acorrBase in state, the scores (GRIDNESS_NONE when there is none) at
 * gridnessAt within the slot. enabled 0: every score GRIDNESS_NONE.
 */
export const MAP_GRIDNESS_LAYOUT = {
  nx: 'u32',
  ny: 'u32',
  cells: 'u32',
  samplesBase: 'u32',
  stride: 'u32',
  everySteps: 'u32',
  mapsAt: 'u32',
  gridnessAt: 'u32',
  acorrBase: 'u32',
  enabled: 'u32',
} as const satisfies StructLayout;

/** mapGridness's marker of a cell without a gridness score (scores lie in [−2, 2]). */
export const GRIDNESS_NONE = -4;

/**
 * Histogram of a plastic projection's w or z every everySteps-th step
 * (shaders/probe/weight-histogram.wgsl): bin ⌊(v − lo)·binsPerUnit⌋ clamped to
 * [0, bins − 1], counted into counts at countsBase + slot·bins.
 */
export const WEIGHT_HISTOGRAM_LAYOUT = {
  synCount: 'u32',
  srcBase: 'u32',
  countsBase: 'u32',
  bins: 'u32',
  everySteps: 'u32',
  lo: 'f32',
  binsPerUnit: 'f32',
} as const satisfies StructLayout;

/**
 * Recurrent input of a grid sheet by FFT convolution (shaders/spatial/sheet-input.wgsl):
 * the sheet's activity at srcBase (side², row-major) into its input at dstBase;
 * the spectrum tables (src/model/grid-sheet.ts, sheetSpectrumTables) at
 * tableBase; on the GPU the spectrum between passes at spectrumBase in state
 * (real plane, then imaginary plane, side² each).
 */
export const SHEET_INPUT_LAYOUT = {
  side: 'u32',
  n: 'u32',
  srcBase: 'u32',
  dstBase: 'u32',
  tableBase: 'u32',
  spectrumBase: 'u32',
} as const satisfies StructLayout;

/**
 * One step of a grid sheet (shaders/spatial/sheet-update.wgsl): s ← f + (s − f) decay,
 * f = gain · max(0, iIn + A ± alphaA·v (by direction) + noise ξ), v = (vx, vy) plus the
 * agent's velocity of the step at velBase + 2 (step − baseStep) in tables when hasAgent.
 */
export const GRID_SHEET_UPDATE_LAYOUT = {
  n: 'u32',
  side: 'u32',
  stateBase: 'u32',
  velBase: 'u32',
  hasAgent: 'u32',
  noiseOn: 'u32',
  seed: 'u32',
  streamBase: 'u32',
  decay: 'f32',
  gain: 'f32',
  A: 'f32',
  alphaA: 'f32',
  vx: 'f32',
  vy: 'f32',
  noise: 'f32',
} as const satisfies StructLayout;

export type LifUpdateParams = StructValues<typeof LIF_UPDATE_LAYOUT>;
export type RateUpdateParams = StructValues<typeof RATE_UPDATE_LAYOUT>;
export type DeliverSparseParams = StructValues<typeof DELIVER_SPARSE_LAYOUT>;
export type DeliverDenseParams = StructValues<typeof DELIVER_DENSE_LAYOUT>;
export type GatherSparseParams = StructValues<typeof GATHER_SPARSE_LAYOUT>;
export type GatherModesParams = StructValues<typeof GATHER_MODES_LAYOUT>;
export type GatherExpandParams = StructValues<typeof GATHER_EXPAND_LAYOUT>;
export type StateProbeParams = StructValues<typeof STATE_PROBE_LAYOUT>;
export type SourceUpdateParams = StructValues<typeof SOURCE_UPDATE_LAYOUT>;
export type GridUpdateParams = StructValues<typeof GRID_UPDATE_LAYOUT>;
export type PlaceStimulusParams = StructValues<typeof PLACE_STIMULUS_LAYOUT>;
export type TraceUpdateParams = StructValues<typeof TRACE_UPDATE_LAYOUT>;
export type PlasticityParams = StructValues<typeof PLASTICITY_LAYOUT>;
export type DeliverPlasticParams = StructValues<typeof DELIVER_PLASTIC_LAYOUT>;
export type SynapseMeanParams = StructValues<typeof SYNAPSE_MEAN_LAYOUT>;
export type MapAccumulateParams = StructValues<typeof MAP_ACCUMULATE_LAYOUT>;
export type MapStatsParams = StructValues<typeof MAP_STATS_LAYOUT>;
export type MapDecodeParams = StructValues<typeof MAP_DECODE_LAYOUT>;
export type MapGridnessParams = StructValues<typeof MAP_GRIDNESS_LAYOUT>;
export type WeightHistogramParams = StructValues<typeof WEIGHT_HISTOGRAM_LAYOUT>;
export type SheetInputParams = StructValues<typeof SHEET_INPUT_LAYOUT>;
export type GridSheetUpdateParams = StructValues<typeof GRID_SHEET_UPDATE_LAYOUT>;

/**
 * The arenas every kernel indexes into (one GPU buffer each, the same typed
 * arrays on the CPU). state: all neuron variables, section by section; acc:
 * fixed-point synaptic accumulators; spikes: per population two step-parity
 * spike lists with their counts; record/counts/samples: probe outputs of one
 * chunk; tables/itables: Poisson CDFs and weight profiles; conn: connectivity
 * and probe index lists; syn: per-synapse variables of plastic projections.
 */
export interface Arenas {
  state: Float32Array;
  acc: Int32Array;
  spikes: Uint32Array;
  record: Uint32Array;
  counts: Uint32Array;
  samples: Float32Array;
  tables: Float32Array;
  itables: Int32Array;
  conn: Uint32Array;
  syn: Float32Array;
}

export const ARENA_NAMES = ['state', 'acc', 'spikes', 'record', 'counts', 'samples', 'tables', 'itables', 'conn', 'syn'] as const;
export type ArenaName = (typeof ARENA_NAMES)[number];

/** Header words before a population's spike lists: [count parity 0, count parity 1, 0, 0]. */
export const SPIKE_HEADER = 4;
/** Header words before a record region: [spikes seen this chunk, 0, 0, 0]. */
export const RECORD_HEADER = 4;

/** Sections of a plasticity trace block (n floats each), in order. */
export const TRACE_SECTIONS = ['spk', 't1', 't2', 'ca', 'rate', 'theta', 'protein', 'pending0', 'pending1', 'pending2', 'pending3'] as const;
/** Delayed presynaptic calcium arrivals a neuron can have in flight. */
export const TRACE_PENDING_SLOTS = 4;
/** Plasticity rules by kernel id. */
export const RULE_IDS = { stdp: 0, calcium: 1, bcm: 2, nmdaHebbian: 3, tagCapture: 4, btsp: 5 } as const;

/**
 * The fused step (shaders/fused/fused-step.wgsl): many steps of a small
 * network in one single-workgroup dispatch. Its header, then one slot per
 * dispatch it replaces in a second uniform (slot bytes: uniform arrays need
 * 16-byte strides), at most FUSED_LIMITS of each.
 */
export const FUSED_STEP_LAYOUT = {
  stepsPerDispatch: 'u32',
  populations: 'u32',
  deliveries: 'u32',
  gathers: 'u32',
  modePairs: 'u32',
  probes: 'u32',
} as const satisfies StructLayout;
export const FUSED_LIMITS = { MAX_FUSED_POPULATIONS: 4, MAX_FUSED_DELIVERIES: 8, MAX_FUSED_GATHERS: 4, MAX_FUSED_PROBES: 4 } as const;
/** Bytes per slot of each kind: LifSlot, DenseSlot (params, then the fixed-point weight at 32), ModesSlot, ExpandSlot, ProbeSlot. */
export const FUSED_SLOT_BYTES = { lif: 192, dense: 48, modes: 48, expand: 48, probes: 32 } as const;
