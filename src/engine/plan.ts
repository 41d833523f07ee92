/**
 * Builds a network from a scenario, independent of the backend:
 * - layout: where every population, projection and probe lives in the arenas
 *   (structure only; fixed until a rebuild),
 * - kernel parameters and tables (from the live parameters; recomputed by apply),
 * - connectivity and initial state (from the seed; recomputed by reset),
 * - the ordered list of dispatches that make one step.
 * Both backends execute the same dispatch list with the same parameters.
 */
import { sectionNames } from '../model/sections';
import { circulantModes, connectivityStream, fixedInDegree, oneToOne, ringProfile, toPresynapticCsr, trigTables } from '../model/connectivity';
import { RING_PROFILE_PARAMS } from '../model/network-params';
import {
  type ArenaName, type DeliverDenseParams, type DeliverPlasticParams, type DeliverSparseParams, type GatherExpandParams, type GatherModesParams,
  type GatherSparseParams, type GridSheetUpdateParams, type GridUpdateParams, type LifUpdateParams, type MapAccumulateParams, type MapDecodeParams, type MapGridnessParams, type MapStatsParams, type WeightHistogramParams, type PlaceStimulusParams, type PlasticityParams, type RateUpdateParams, RECORD_HEADER, RULE_IDS, type SourceUpdateParams,
  type SheetInputParams, SPIKE_HEADER, type StateProbeParams, type SynapseMeanParams, TRACE_SECTIONS, type TraceUpdateParams,
} from '../model/kernel-params';
import { POISSON_TABLE_SIZE, poissonCdf, rngU32, rngUniform } from '../model/rng';
import { sheetSpectrumSize, sheetSpectrumTables } from '../model/grid-sheet';
import { rateMapGrid } from '../model/spatial/arena';
import { type BinGrid, DEFAULT_FIELD_CRITERIA, squareBins } from '../model/spatial/maps';
import { geometricModules, GRID_PHASE_STREAM, gridTables, makeGridPopulation } from '../model/spatial/grid-cells';
import type {
  GridPopulationSpec, GridSheetPopulationSpec, LifPopulationSpec, PlacePopulationSpec, PlasticitySpec, PopulationSpec, ProbeSpec, ProjectionSpec, RatePopulationSpec, Scenario, SourcePopulationSpec,
} from '../scenario/schema';

export interface PopulationLayout {
  readonly spec: PopulationSpec;
  readonly index: number;
  readonly n: number;
  readonly stateBase: number;
  /** acc (2n: AMPA then GABA) and spike lists; lif only (−1 otherwise) */
  readonly accBase: number;
  readonly spikeBase: number;
  readonly recordBase: number;
  readonly recordLimit: number;
  readonly recordCap: number;
  readonly countsBase: number;
  readonly countGroupSize: number;
  readonly countGroups: number;
  readonly countBins: number;
  readonly binSteps: number;
  readonly poissonBase: number;
  /** grid populations: per-cell kx, ky, phase (3n each) in tables; −1 otherwise */
  readonly gridBase: number;
  /** grid sheets: the weights' spectra and the FFT's twiddles (sheetSpectrumTables) in tables; −1 otherwise */
  readonly sheetBase: number;
  /** grid sheets: the GPU's spectrum between the FFT passes (2 side² floats) in state; −1 otherwise */
  readonly sheetSpectrumBase: number;
  /** lif, source and grid populations emit spikes */
  readonly spiking: boolean;
  readonly hasNmdaIn: boolean;
  readonly hasRateIn: boolean;
  readonly hasStimulus: boolean;
  readonly hasNmdaOut: boolean;
  /** a place-gated stimulus: its block in state (3n: host current, plateau steps left, armed); −1 otherwise */
  readonly placeBase: number;
}

export type ProjectionRoute = 'deliverSparse' | 'deliverDense' | 'deliverPlastic' | 'gatherSparse' | 'gatherDense';

/**
 * Where a plastic projection keeps its synapses: numbered by presynaptic row
 * (dense: s = pre·postN + post; sparse: a CSR with the target and the source
 * of every synapse in conn), efficacies w (late weights z, calcium signals c)
 * in syn, and a plasticity trace block per side in state.
 */
export interface PlasticLayout {
  readonly rule: PlasticitySpec['rule'];
  readonly dense: boolean;
  readonly synCount: number;
  readonly rowBase: number;
  readonly postConnBase: number;
  readonly preConnBase: number;
  readonly wBase: number;
  /** late weights (tagCapture) and calcium signals (when probed); −1 when absent */
  readonly zBase: number;
  readonly cBase: number;
  readonly preTraceBase: number;
  readonly postTraceBase: number;
  /**
   * tagCapture: the postsynaptic population's protein pool (state index of a
   * protein section) and its fixed-point Σ|h − h0| per neuron (acc), shared by
   * every tagCapture projection into the population; the first one owns it
   * (updates it, with its parameters). −1 otherwise.
   */
  readonly proteinBase: number;
  readonly protAccBase: number;
  readonly ownsProtein: boolean;
}

export interface ProjectionLayout {
  readonly spec: ProjectionSpec;
  readonly index: number;
  readonly route: ProjectionRoute;
  readonly pre: PopulationLayout;
  readonly post: PopulationLayout;
  /** by-post index list (gatherSparse) or CSR rowStart then targets (deliverSparse) in conn */
  readonly connBase: number;
  readonly k: number;
  /** fixed-point weight table in itables (deliverDense) */
  readonly tableBase: number;
  /**
   * gatherDense: room for Fourier modes (profileModeCapacity; the live profile's own count is
   * a kernel parameter), their scratch in state, trig and coefficient tables in tables
   */
  readonly modeCapacity: number;
  readonly modesBase: number;
  readonly trigBase: number;
  readonly coefBase: number;
  readonly ring: boolean;
  /** first continuous projection into its destination section overwrites, later ones add */
  readonly accumulate: boolean;
  readonly plastic: PlasticLayout | undefined;
}

/**
 * A state, synapse or synapseMean probe: `width` values per sample from the
 * state or syn arena (the indexed values, or one mean per synapse group).
 */
export interface StateProbeLayout {
  readonly spec: Extract<ProbeSpec, { kind: 'state' | 'synapse' | 'synapseMean' | 'sheet' }>;
  readonly arena: 'state' | 'syn';
  readonly srcBase: number;
  readonly width: number;
  /** synapseMean: synapses of the projection */
  readonly synCount: number;
  readonly indexBase: number;
  readonly samplesBase: number;
  readonly slots: number;
}

/**
 * A rateMap probe: nx × ny bins over the agent's arena; in state, the
 * occupancy (bins, s), the bin-major event maps (bins × n: cell i's events in
 * bin b at b·n + i), the decoding
 * window's events per cell (n) and its Σx, Σy, steps (3), the selected cells'
 * autocorrelograms (cells × (2nx − 1)(2ny − 1)); its selected cells in conn;
 * per readout slot, stride floats in samples: peak, mean, information, field
 * count and field area (n each), the decode [bin, x̂, ŷ, error], the selected
 * cells' maps (cells × bins), their gridness scores (cells).
 */
export interface RateMapLayout {
  readonly spec: Extract<ProbeSpec, { kind: 'rateMap' }>;
  readonly pop: PopulationLayout;
  readonly nx: number;
  readonly ny: number;
  readonly width: number;
  readonly height: number;
  readonly occBase: number;
  readonly mapBase: number;
  readonly windowBase: number;
  readonly posBase: number;
  /** each bin's decoding score, then whether it has one (1) or not (0): mapScore's output, mapDecode's input */
  readonly scoreBase: number;
  /** whether mapGridness scores these maps (gridnessScored); else no autocorrelograms are kept */
  readonly gridness: boolean;
  readonly acorrBase: number;
  readonly selBase: number;
  readonly samplesBase: number;
  readonly stride: number;
}

/** A weightHistogram probe: `bins` counts per sample in counts (cleared every chunk, like rate bins). */
export interface HistogramLayout {
  readonly spec: Extract<ProbeSpec, { kind: 'weightHistogram' }>;
  readonly srcBase: number;
  readonly synCount: number;
  readonly countsBase: number;
}

/**
 * Where the parts of one rateMap readout lie (floats from its start): five
 * statistics per cell, the decode [bin, x̂, ŷ, error] at decodeAt, the selected
 * cells' maps at mapsAt, their gridness scores at gridnessAt; stride floats in all.
 */
export function rateMapOffsets(n: number, cells: number, bins: number) {
  const decodeAt = 5 * n, mapsAt = decodeAt + 4, gridnessAt = mapsAt + cells * bins;
  return { decodeAt, mapsAt, gridnessAt, stride: gridnessAt + cells };
}

/** Gridness is scored on maps of at most this many bins a side (an autocorrelogram costs ~side⁴). */
const MAX_GRIDNESS_SIDE = 128;

/** Whether mapGridness scores maps on this grid: square bins, more than one row and column, at most MAX_GRIDNESS_SIDE a side. */
function gridnessScored(g: BinGrid): boolean {
  return squareBins(g) && g.nx > 1 && g.ny > 1 && Math.max(g.nx, g.ny) <= MAX_GRIDNESS_SIDE;
}

export type KernelName =
  | 'lifUpdate' | 'rateUpdate' | 'sourceUpdate' | 'gridUpdate' | 'placeStimulus' | 'sheetInput' | 'gridSheetUpdate' | 'deliverSparse' | 'deliverDense' | 'deliverPlastic' | 'gatherSparse' | 'gatherModes' | 'gatherExpand'
  | 'traceUpdate' | 'plasticity' | 'plasticityEvents' | 'stateProbe' | 'synapseProbe' | 'synapseMean' | 'mapAccumulate' | 'mapStats' | 'mapScore' | 'mapDecode' | 'mapGridness' | 'weightHistogram';
type ProbeKernel = 'stateProbe' | 'synapseProbe' | 'synapseMean' | 'mapStats' | 'mapScore' | 'mapDecode' | 'mapGridness' | 'weightHistogram';

/**
 * What runs in a fast-forwarded (quiet) step: the slow plasticity variables only
 * (not plasticityEvents: nothing spikes in a quiet period, so its form of the rule changes nothing).
 * The backends empty the spike lists before a slow chunk, so traceUpdate only decays.
 */
export const SLOW_KERNELS: ReadonlySet<KernelName> = new Set(['traceUpdate', 'plasticity']);
export const PROBE_KERNELS: ReadonlySet<KernelName> = new Set(['stateProbe', 'synapseProbe', 'synapseMean', 'mapStats', 'mapScore', 'mapDecode', 'mapGridness', 'weightHistogram']);

/** traceUpdate dispatches are targeted by 2 × projection index + side (0 pre, 1 post). */
export const traceTarget = (projection: number, side: 0 | 1) => 2 * projection + side;

export type Dispatch =
  | { readonly kernel: Exclude<KernelName, ProbeKernel>; readonly target: number; readonly invocations: number; readonly label: string }
  | { readonly kernel: ProbeKernel; readonly target: number; readonly invocations: number; readonly label: string; readonly everySteps: number };

export interface NetworkLayout {
  readonly dt: number;
  readonly maxChunkSteps: number;
  readonly populations: readonly PopulationLayout[];
  readonly projections: readonly ProjectionLayout[];
  readonly stateProbes: readonly StateProbeLayout[];
  readonly rateMaps: readonly RateMapLayout[];
  readonly histograms: readonly HistogramLayout[];
  readonly sizes: Readonly<Record<ArenaName, number>>;
  /** one step, in order: deliveries of the previous step's spikes, gathers, neuron updates, plasticity, probes */
  readonly dispatches: readonly Dispatch[];
  /** workgroups of the persistent sparse-delivery kernel */
  readonly deliverWorkgroups: number;
  /** the agent's position (x, y) at every step of a chunk, in tables (2 × maxChunkSteps); −1 without an agent */
  readonly agentPathBase: number;
  /** the agent's velocity (vx, vy, m/s) at every step of a chunk, right after the path (2 × maxChunkSteps); −1 without an agent or a grid sheet */
  readonly agentVelocityBase: number;
}

/** Parameters of every dispatch, by kernel and target index (a field per kernel name). */
export interface KernelParams {
  readonly lifUpdate: Map<number, LifUpdateParams>;
  readonly rateUpdate: Map<number, RateUpdateParams>;
  readonly sourceUpdate: Map<number, SourceUpdateParams>;
  readonly gridUpdate: Map<number, GridUpdateParams>;
  readonly placeStimulus: Map<number, PlaceStimulusParams>;
  readonly sheetInput: Map<number, SheetInputParams>;
  readonly gridSheetUpdate: Map<number, GridSheetUpdateParams>;
  readonly deliverSparse: Map<number, DeliverSparseParams>;
  readonly deliverPlastic: Map<number, DeliverPlasticParams>;
  readonly traceUpdate: Map<number, TraceUpdateParams>;
  readonly plasticity: Map<number, PlasticityParams>;
  /** the same parameters as plasticity (one map) */
  readonly plasticityEvents: Map<number, PlasticityParams>;
  readonly deliverDense: Map<number, DeliverDenseParams>;
  readonly gatherSparse: Map<number, GatherSparseParams>;
  readonly gatherModes: Map<number, GatherModesParams>;
  readonly gatherExpand: Map<number, GatherExpandParams>;
  readonly stateProbe: Map<number, StateProbeParams>;
  readonly synapseProbe: Map<number, StateProbeParams>;
  readonly synapseMean: Map<number, SynapseMeanParams>;
  readonly mapAccumulate: Map<number, MapAccumulateParams>;
  readonly mapStats: Map<number, MapStatsParams>;
  /** the same parameters as mapDecode (one map) */
  readonly mapScore: Map<number, MapDecodeParams>;
  readonly mapDecode: Map<number, MapDecodeParams>;
  readonly mapGridness: Map<number, MapGridnessParams>;
  readonly weightHistogram: Map<number, WeightHistogramParams>;
  readonly tables: Float32Array;
  readonly itables: Int32Array;
}

const DELIVER_WORKGROUPS = 256;
/** Workgroups of a weight histogram: each adds its own histogram into the sample's (≤ bins atomics each). */
const HISTOGRAM_WORKGROUPS = 1024;
/** Sections of a place-gated stimulus block: host-written current, plateau steps left, armed (1) or not (0). */
const PLACE_BLOCK_SECTIONS = 3;
/** A rate map's field: bins above this fraction of its peak (as DEFAULT_FIELD_CRITERIA in src/model/spatial/maps.ts). */
const RATE_MAP_FIELD_THRESHOLD = DEFAULT_FIELD_CRITERIA.threshold;
/** Recorded spikes per neuron and second of chunk that the record buffer holds (Hz). */
const RECORD_HEADROOM_HZ = 400;

const isSpikeReceptor = (r: ProjectionSpec['receptor']) => r === 'ampa' || r === 'gaba';
export function sectionOffset(pop: PopulationLayout, variable: string): number {
  const names = sectionNames(pop.spec.kind);
  const k = names.indexOf(variable);
  if (k < 0) throw new Error(`population ${pop.spec.id} has no variable ${variable}`);
  return pop.stateBase + k * pop.n;
}

export function layoutNetwork(s: Scenario, maxChunkSteps: number): NetworkLayout {
  const sizes: Record<ArenaName, number> = { state: 0, acc: 0, spikes: 0, record: 0, counts: 0, samples: 0, tables: 0, itables: 0, conn: 0, syn: 0 };
  const alloc = (arena: ArenaName, count: number) => {
    const base = sizes[arena];
    sizes[arena] += count;
    return base;
  };

  const populations = s.populations.map((spec, index): PopulationLayout => {
    const n = spec.n;
    const lif = spec.kind === 'lif';
    const spiking = spec.kind !== 'rate' && spec.kind !== 'gridSheet';
    const spikesProbe = s.probes.find((p) => p.kind === 'spikes' && p.population === spec.id);
    const rateProbe = s.probes.find((p): p is Extract<ProbeSpec, { kind: 'rate' }> => p.kind === 'rate' && p.population === spec.id);
    const recordLimit = spikesProbe?.kind === 'spikes' ? spikesProbe.maxNeurons ?? n : 0;
    const recordCap = recordLimit === 0 ? 0
      : Math.min(recordLimit * maxChunkSteps, Math.max(4096, Math.ceil(recordLimit * maxChunkSteps * s.dt * RECORD_HEADROOM_HZ)));
    const binSteps = rateProbe ? Math.round(rateProbe.binSeconds / s.dt) : 1;
    const countGroupSize = rateProbe ? rateProbe.groupSize ?? n : 0;
    const countGroups = rateProbe ? Math.ceil(n / countGroupSize) : 0;
    const countBins = rateProbe ? Math.floor((maxChunkSteps - 1) / binSteps) + 2 : 0;
    const into = (receptor: ProjectionSpec['receptor']) => s.projections.some((pr) => pr.to === spec.id && pr.receptor === receptor);
    return {
      spec, index, n,
      stateBase: alloc('state', sectionNames(spec.kind).length * n),
      accBase: lif ? alloc('acc', 2 * n) : -1,
      spikeBase: spiking ? alloc('spikes', SPIKE_HEADER + 2 * n) : -1,
      recordBase: recordLimit > 0 ? alloc('record', RECORD_HEADER + 2 * recordCap) : 0,
      recordLimit, recordCap,
      countsBase: rateProbe ? alloc('counts', countBins * countGroups) : 0,
      countGroupSize, countGroups, countBins, binSteps,
      poissonBase: lif ? alloc('tables', 2 * POISSON_TABLE_SIZE) : -1,
      gridBase: spec.kind === 'grid' ? alloc('tables', 9 * n) : spec.kind === 'place' ? alloc('tables', 2 * n) : -1,
      sheetBase: spec.kind === 'gridSheet' ? alloc('tables', sheetSpectrumSize(spec.side)) : -1,
      sheetSpectrumBase: spec.kind === 'gridSheet' ? alloc('state', 2 * n) : -1,
      spiking,
      hasNmdaIn: into('nmda'),
      hasRateIn: into('rate'),
      hasStimulus: s.stimuli.some((st) => st.target === spec.id),
      hasNmdaOut: s.projections.some((pr) => pr.from === spec.id && pr.receptor === 'nmda'),
      placeBase: s.stimuli.some((st) => st.target === spec.id && st.place) ? alloc('state', PLACE_BLOCK_SECTIONS * n) : -1,
    };
  });
  const popById = new Map(populations.map((p) => [p.spec.id, p]));
  const agentPathBase = s.agent ? alloc('tables', 2 * maxChunkSteps) : -1;
  const agentVelocityBase = s.agent && s.populations.some((p) => p.kind === 'gridSheet') ? alloc('tables', 2 * maxChunkSteps) : -1;

  const written = new Set<string>();
  const proteinPools = new Map<string, { proteinBase: number; protAccBase: number }>();
  const projections = s.projections.map((spec, index): ProjectionLayout => {
    const pre = popById.get(spec.from)!;
    const post = popById.get(spec.to)!;
    const c = spec.connectivity;
    const dense = c.kind === 'allToAll';
    const spike = isSpikeReceptor(spec.receptor);
    const route: ProjectionRoute = spec.plasticity ? 'deliverPlastic'
      : spike ? (dense ? 'deliverDense' : 'deliverSparse') : dense ? 'gatherDense' : 'gatherSparse';
    const k = c.kind === 'fixedInDegree' ? c.k : c.kind === 'oneToOne' ? 1 : pre.n;
    const ring = c.kind === 'allToAll' && c.profile.kind === 'ring';
    let connBase = 0;
    let tableBase = 0;
    let modeCapacity = 0, modesBase = 0, trigBase = 0, coefBase = 0;
    if (route === 'deliverSparse') connBase = alloc('conn', pre.n + 1 + post.n * k);
    if (route === 'gatherSparse') connBase = alloc('conn', post.n * k);
    if (route === 'deliverDense') tableBase = alloc('itables', ring ? pre.n : 1);
    if (route === 'gatherDense') {
      modeCapacity = profileModeCapacity(spec, pre.n);
      modesBase = alloc('state', 2 * modeCapacity);
      trigBase = alloc('tables', ring ? 2 * pre.n : 2);
      coefBase = alloc('tables', modeCapacity);
    }
    const dst = `${spec.to}/${spec.receptor === 'nmda' ? 'nmda' : 'rate'}`;
    const accumulate = !spike && written.has(dst);
    if (!spike) written.add(dst);
    const plastic = spec.plasticity && layoutPlastic(spec, spec.plasticity, pre, post, k, dense, alloc, s.probes, proteinPools);
    return { spec, index, route, pre, post, connBase, k, tableBase, modeCapacity, modesBase, trigBase, coefBase, ring, accumulate, plastic };
  });

  const stateProbes = s.probes.flatMap((spec): StateProbeLayout[] => {
    if (spec.kind !== 'state' && spec.kind !== 'synapse' && spec.kind !== 'synapseMean' && spec.kind !== 'sheet') return [];
    const slots = Math.floor((maxChunkSteps - 1) / spec.everySteps) + 1;
    let srcBase: number;
    let synCount = 0;
    if (spec.kind === 'state') {
      srcBase = sectionOffset(popById.get(spec.population)!, spec.variable);
    } else if (spec.kind === 'sheet') {
      // the whole activity section, through an identity index list
      srcBase = sectionOffset(popById.get(spec.population)!, 'r');
    } else {
      const pl = projections.find((pr) => pr.spec.id === spec.projection)!.plastic!;
      srcBase = spec.variable === 'w' ? pl.wBase : spec.variable === 'z' ? pl.zBase : pl.cBase;
      synCount = pl.synCount;
    }
    const width = spec.kind === 'synapseMean' ? Math.ceil(synCount / spec.groupSize) : spec.kind === 'sheet' ? popById.get(spec.population)!.n : spec.indices.length;
    return [{
      spec, srcBase, width, synCount, arena: spec.kind === 'state' || spec.kind === 'sheet' ? 'state' : 'syn',
      indexBase: spec.kind === 'synapseMean' ? 0 : alloc('conn', width),
      samplesBase: alloc('samples', slots * width),
      slots,
    }];
  });

  const rateMaps = s.probes.flatMap((spec): RateMapLayout[] => {
    if (spec.kind !== 'rateMap') return [];
    const pop = popById.get(spec.population)!;
    const g = rateMapGrid(s.agent!.arena, spec.binSize);
    const bins = g.nx * g.ny;
    const slots = Math.floor((maxChunkSteps - 1) / spec.everySteps) + 1;
    const { stride } = rateMapOffsets(pop.n, spec.cells.length, bins);
    const gridness = gridnessScored(g);
    return [{
      spec, pop, nx: g.nx, ny: g.ny, width: g.width, height: g.height,
      occBase: alloc('state', bins), mapBase: alloc('state', pop.n * bins), windowBase: alloc('state', pop.n), posBase: alloc('state', 3), scoreBase: alloc('state', 2 * bins),
      gridness, acorrBase: gridness ? alloc('state', spec.cells.length * (2 * g.nx - 1) * (2 * g.ny - 1)) : 0,
      selBase: alloc('conn', spec.cells.length), samplesBase: alloc('samples', slots * stride), stride,
    }];
  });

  const histograms = s.probes.flatMap((spec): HistogramLayout[] => {
    if (spec.kind !== 'weightHistogram') return [];
    const pl = projections.find((pr) => pr.spec.id === spec.projection)!.plastic!;
    const slots = Math.floor((maxChunkSteps - 1) / spec.everySteps) + 1;
    return [{ spec, srcBase: spec.variable === 'w' ? pl.wBase : pl.zBase, synCount: pl.synCount, countsBase: alloc('counts', slots * spec.bins) }];
  });

  for (const name of Object.keys(sizes) as ArenaName[]) sizes[name] = Math.max(4, Math.ceil(sizes[name] / 4) * 4);

  const dispatches: Dispatch[] = [];
  const projectionLabel = (pr: ProjectionLayout) => `${pr.spec.id} (${pr.spec.from}→${pr.spec.to}, ${pr.spec.receptor})`;
  // deliveries only add integers into acc, so their order is free: by kernel
  for (const route of ['deliverPlastic', 'deliverSparse', 'deliverDense'] as const) {
    projections.forEach((pr, i) => {
      if (pr.route !== route) return;
      const invocations = route === 'deliverDense' ? pr.post.n : Math.min(DELIVER_WORKGROUPS, pr.pre.n) * 64;
      dispatches.push({ kernel: route, target: i, invocations, label: `${route} ${projectionLabel(pr)}` });
    });
  }
  // every projection's Fourier modes (each into its own scratch) and every place-gated stimulus
  // (each into its own population's stimulus), then the gathers, which may add into one input
  projections.forEach((pr, i) => {
    if (pr.route === 'gatherDense') dispatches.push({ kernel: 'gatherModes', target: i, invocations: Math.ceil(pr.modeCapacity / 2) * 64, label: `gatherModes ${projectionLabel(pr)}, up to ${pr.modeCapacity} Fourier modes` });
  });
  populations.forEach((p, i) => {
    if (p.placeBase >= 0) dispatches.push({ kernel: 'placeStimulus', target: i, invocations: p.n, label: `placeStimulus ${p.spec.id} (plateau when the agent enters a disc)` });
  });
  projections.forEach((pr, i) => {
    if (pr.route === 'gatherSparse') dispatches.push({ kernel: 'gatherSparse', target: i, invocations: pr.post.n, label: `gatherSparse ${projectionLabel(pr)}` });
    if (pr.route === 'gatherDense') dispatches.push({ kernel: 'gatherExpand', target: i, invocations: pr.post.n, label: `gatherExpand ${projectionLabel(pr)}` });
  });
  // each grid sheet's recurrent input, then every population's update (one phase: dispatchPhases)
  populations.forEach((p, i) => {
    if (p.spec.kind === 'gridSheet') dispatches.push({ kernel: 'sheetInput', target: i, invocations: 64 * p.spec.side, label: `sheetInput ${p.spec.id} (${p.spec.side}×${p.spec.side} torus, FFT convolution)` });
  });
  populations.forEach((p, i) => {
    // place cells run the grid kernel in its Gaussian mode
    const kernel = p.spec.kind === 'place' ? 'gridUpdate' : (`${p.spec.kind}Update` as const);
    dispatches.push({ kernel, target: i, invocations: p.n, label: `${kernel} ${p.spec.id} (n=${p.n}${p.spec.kind === 'place' ? ', place cells' : ''})` });
  });
  // every projection's traces, then the rules: a rule reads its own projection's traces; the
  // protein pool's owner (the first tagCapture projection into a population) still clears the
  // previous step's sums before any rule adds this step's
  projections.forEach((pr, i) => {
    if (!pr.plastic) return;
    for (const [pop, side] of [[pr.pre, 0], [pr.post, 1]] as const) {
      const label = `traceUpdate ${pr.spec.id} (${pr.spec.plasticity!.rule}) ${side ? 'post' : 'pre'}`;
      dispatches.push({ kernel: 'traceUpdate', target: traceTarget(i, side), invocations: pop.n, label });
    }
  });
  projections.forEach((pr, i) => {
    if (!pr.plastic) return;
    const what = `${pr.spec.id} (${pr.spec.plasticity!.rule})`;
    dispatches.push({ kernel: 'plasticity', target: i, invocations: pr.plastic.synCount, label: `plasticity ${what}, ${pr.plastic.synCount} synapses` });
    if (eventCapable(pr)) {
      // a fixed pool of workgroups over the step's spikes, each spike's inputs in segments (as deliverPlastic); in place of the sweep while the rule allows it
      const workgroups = Math.min(DELIVER_WORKGROUPS, pr.post.n);
      const label = `plasticityEvents ${what}, the inputs of the cells that spiked, in place of the sweep while etaP = etaD = 0`;
      dispatches.push({ kernel: 'plasticityEvents', target: i, invocations: 64 * workgroups, label });
    }
  });
  // the rate maps' events of this step (read nothing a rule writes: one phase with the event-driven rules)
  rateMaps.forEach((rm, i) => {
    dispatches.push({ kernel: 'mapAccumulate', target: i, invocations: rm.pop.n, label: `mapAccumulate ${rm.spec.id} (${rm.pop.spec.id}, ${rm.nx}×${rm.ny} bins)` });
  });
  stateProbes.forEach((sp, i) => {
    const kernel = sp.spec.kind === 'synapseMean' ? 'synapseMean' : sp.arena === 'state' ? 'stateProbe' : 'synapseProbe';
    // synapseMean: one 64-thread workgroup per group
    const invocations = kernel === 'synapseMean' ? 64 * sp.width : sp.width;
    dispatches.push({ kernel, target: i, invocations, everySteps: sp.spec.everySteps, label: `${kernel} ${sp.spec.id} (${sp.spec.kind === 'sheet' ? 'whole sheet' : sp.spec.variable}, every ${sp.spec.everySteps} steps)` });
  });

  rateMaps.forEach((rm, i) => {
    const what = `${rm.spec.id} (${rm.pop.spec.id}, ${rm.nx}×${rm.ny} bins`;
    dispatches.push({ kernel: 'mapStats', target: i, invocations: rm.pop.n, everySteps: rm.spec.everySteps, label: `mapStats ${what}, every ${rm.spec.everySteps} steps)` });
    // one workgroup per bin: its score is a sum over every cell
    dispatches.push({ kernel: 'mapScore', target: i, invocations: 64 * rm.nx * rm.ny, everySteps: rm.spec.everySteps, label: `mapScore ${what}, every ${rm.spec.everySteps} steps)` });
    // one workgroup: the argmax over bins is a workgroup reduction
    dispatches.push({ kernel: 'mapDecode', target: i, invocations: 64, everySteps: rm.spec.everySteps, label: `mapDecode ${what}, every ${rm.spec.everySteps} steps)` });
    // one workgroup per selected cell and row of autocorrelogram lags
    dispatches.push({ kernel: 'mapGridness', target: i, invocations: 64 * rm.spec.cells.length * rm.ny, everySteps: rm.spec.everySteps, label: `mapGridness ${what}, ${rm.spec.cells.length} cells, every ${rm.spec.everySteps} steps)` });
  });

  histograms.forEach((h, i) => {
    const label = `weightHistogram ${h.spec.id} (${h.spec.projection}.${h.spec.variable}, ${h.spec.bins} bins, every ${h.spec.everySteps} steps)`;
    // a fixed grid of workgroups striding over the synapses, each with its own histogram
    dispatches.push({ kernel: 'weightHistogram', target: i, invocations: 64 * Math.min(HISTOGRAM_WORKGROUPS, Math.ceil(h.synCount / 64)), everySteps: h.spec.everySteps, label });
  });

  return {
    dt: s.dt, maxChunkSteps, populations, projections, stateProbes, rateMaps, histograms, sizes, dispatches,
    deliverWorkgroups: DELIVER_WORKGROUPS, agentPathBase, agentVelocityBase,
  };
}

/**
 * Whether a plastic projection gets the event-driven form of its rule beside the
 * sweep: the NMDA-gated Hebbian rule over an all-to-all projection (the [pre][post]
 * layout, a cell's inputs one column) onto a spiking population, with no calcium
 * signal stored per synapse (a synapse probe of c needs every synapse's c every step).
 */
function eventCapable(pr: ProjectionLayout): boolean {
  const pl = pr.plastic;
  return !!pl && pl.rule === 'nmdaHebbian' && pl.dense && pl.cBase < 0 && pr.post.spikeBase >= 0;
}

/**
 * Whether a projection's rule runs event-driven under these parameters: the
 * NMDA-gated Hebbian rule in its spike-triggered form alone (etaP = etaD = 0, so
 * γp = γd = 0) changes only the inputs of postsynaptic cells that spiked this
 * step (dw = γH · spk · (…)), so only those columns need visiting (the CPU
 * reference has always skipped the rest: src/model/kernels/plasticity.ts).
 * Any γp or γd ≠ 0 (a lecturer's live etaP or etaD) needs the sweep again.
 */
export function plasticityEventDriven(p: PlasticityParams): boolean {
  return p.rule === RULE_IDS.nmdaHebbian && p.dense !== 0 && p.storeC === 0 && p.gammaP === 0 && p.gammaD === 0;
}

/**
 * Which dispatches of the step run under these kernel parameters: a projection
 * with an event-driven form (plasticityEvents) runs either it or its sweep
 * (plasticity), chosen from the live parameters; everything else always runs.
 * Both backends apply it whenever parameters are written (between chunks).
 */
export function activeDispatches(layout: NetworkLayout, params: KernelParams): boolean[] {
  const withEvents = new Set(layout.dispatches.flatMap((d) => (d.kernel === 'plasticityEvents' ? [d.target] : [])));
  return layout.dispatches.map((d) => {
    if (d.kernel !== 'plasticity' && d.kernel !== 'plasticityEvents') return true;
    const events = withEvents.has(d.target) && plasticityEventDriven(params.plasticity.get(d.target)!);
    return d.kernel === 'plasticityEvents' ? events : !events;
  });
}

/**
 * The stages of a step whose consecutive dispatches in the plan may run as one
 * GPU dispatch (a phase: dispatchPhases, src/engine/gpu/phase.ts): no dispatch
 * of a stage reads what another of the same stage writes in that step.
 * - deliver: the deliveries of the previous step's spikes only add integers
 *   into acc (the sums commute) and read weights no delivery writes; the
 *   Fourier modes of a gather read the previous step's presynaptic vector
 *   and write their projection's own scratch; a place-gated stimulus writes
 *   its population's stimulus (read by its update only);
 * - gather: each gather of continuous input (NMDA gating or rates) writes its
 *   post population's input from the presynaptic vector or its own Fourier
 *   modes; gathers into one population add into one input (the first one
 *   overwrites it), so those run in phases of their own;
 * - update: each population update writes only its own population's state,
 *   spikes, record and counts, from inputs delivered and gathered before;
 * - trace: each side of a plastic projection writes only its own trace block
 *   (and the protein sums its owner clears);
 * - sweep: each projection's rule over every synapse writes only its own
 *   synapses, from this step's traces (and adds into protein sums);
 * - learn: the event-driven rule writes only its projection's efficacies of
 *   the cells that spiked, from this step's traces; the rate map only its own
 *   block of state, from this step's spikes and the agent's position.
 * Their kernels run every step, a stage's kernels agree on the fast-forward's
 * filter (SLOW_KERNELS), and they bind at most 8 arenas together (the storage
 * buffers a WebGPU device allows a shader by default; tests/gpu/layout.test.ts).
 */
export const PHASE_STAGES: Readonly<Partial<Record<KernelName, 'deliver' | 'gather' | 'update' | 'trace' | 'sweep' | 'learn'>>> = {
  deliverPlastic: 'deliver', deliverSparse: 'deliver', deliverDense: 'deliver', gatherModes: 'deliver', placeStimulus: 'deliver',
  gatherSparse: 'gather', gatherExpand: 'gather',
  gridUpdate: 'update', lifUpdate: 'update', sourceUpdate: 'update', rateUpdate: 'update',
  traceUpdate: 'trace',
  plasticity: 'sweep',
  plasticityEvents: 'learn', mapAccumulate: 'learn',
};
/** Dispatches one phase holds at most (a phase finds its member by a chain of comparisons). */
export const MAX_PHASE_MEMBERS = 16;

/**
 * The step as the GPU encodes it under these parameters: the dispatches that
 * run (activeDispatches), runs of consecutive ones of one stage (PHASE_STAGES,
 * at most MAX_PHASE_MEMBERS each) as one dispatch, every other alone; indices
 * into layout.dispatches, in plan order. The CPU runs the plan's dispatches
 * one by one: the same results.
 */
export function dispatchPhases(layout: NetworkLayout, active: readonly boolean[]): number[][] {
  const phases: number[][] = [];
  // the post population of a gather (its target is a projection)
  const into = (k: number) => layout.projections[layout.dispatches[k]!.target]!.post;
  layout.dispatches.forEach((d, k) => {
    if (!active[k]) return;
    const last = phases.at(-1);
    const stage = PHASE_STAGES[d.kernel];
    const joins = last !== undefined && last.length < MAX_PHASE_MEMBERS && stage !== undefined && PHASE_STAGES[layout.dispatches[last[0]!]!.kernel] === stage
      && (stage !== 'gather' || last.every((m) => into(m) !== into(k)));
    if (joins) last.push(k);
    else phases.push([k]);
  });
  return phases;
}

function layoutPlastic(
  spec: ProjectionSpec, rule: PlasticitySpec, pre: PopulationLayout, post: PopulationLayout, k: number, dense: boolean,
  alloc: (arena: ArenaName, count: number) => number, probes: readonly ProbeSpec[],
  proteinPools: Map<string, { proteinBase: number; protAccBase: number }>,
): PlasticLayout {
  const synCount = dense ? pre.n * post.n : post.n * k;
  const rowBase = dense ? 0 : alloc('conn', pre.n + 1 + 2 * synCount);
  const probed = probes.some((q) => q.kind === 'synapse' && q.projection === spec.id && q.variable === 'c');
  const tagCapture = rule.rule === 'tagCapture';
  const postTraceBase = alloc('state', TRACE_SECTIONS.length * post.n);
  const ownsProtein = tagCapture && !proteinPools.has(post.spec.id);
  if (ownsProtein) {
    proteinPools.set(post.spec.id, { proteinBase: postTraceBase + TRACE_SECTIONS.indexOf('protein') * post.n, protAccBase: alloc('acc', post.n) });
  }
  const pool = tagCapture ? proteinPools.get(post.spec.id)! : { proteinBase: -1, protAccBase: -1 };
  return {
    rule: rule.rule, dense, synCount, rowBase,
    postConnBase: rowBase + pre.n + 1,
    preConnBase: rowBase + pre.n + 1 + synCount,
    wBase: alloc('syn', synCount),
    zBase: tagCapture ? alloc('syn', synCount) : -1,
    cBase: probed ? alloc('syn', synCount) : -1,
    preTraceBase: alloc('state', TRACE_SECTIONS.length * pre.n),
    postTraceBase,
    ...pool,
    ownsProtein,
  };
}

/** Largest efficacy a rule's synapse can deliver (w, plus z ≤ 1 with a late phase). */
function maxEfficacy(rule: PlasticitySpec): number {
  if (rule.rule === 'tagCapture') return rule.hMax + 1;
  if (rule.rule === 'calcium') return 1;
  return Math.max(Math.abs(rule.wMin), Math.abs(rule.wMax));
}

/** Weight profile of an all-to-all projection by index difference, before the weight (ring) or the single uniform entry 1. */
function profileShape(spec: ProjectionSpec, preN: number): Float64Array {
  return profileTransform(spec, preN).table;
}

/** profileShape and its Fourier modes (circulantModes), a ring's remembered (ringModes). */
function profileTransform(spec: ProjectionSpec, preN: number): { table: Float64Array; modes: Float64Array } {
  const c = spec.connectivity;
  return c.kind === 'allToAll' && c.profile.kind === 'ring' ? ringModes(preN, c.profile.jPlus, c.profile.sigma) : UNIFORM_PROFILE;
}
const UNIFORM_PROFILE = { table: Float64Array.of(1), modes: Float64Array.of(1) };

/**
 * A ring profile narrower than this (°) may need more Fourier modes than a
 * layout holds: σ and J+ are live down to it, a narrower σ rebuilds.
 */
export const LIVE_SIGMA_FLOOR = 5;

/**
 * Error, relative to the profile's largest weight, up to which a live profile
 * is cut to the layout's room for modes: below the f32 rounding of the
 * thousand-term sums the gathers compute. Only wide profiles (σ ≳ 40°, whose
 * Gaussian, cut at ±180°, has a kink there) need more modes than the room.
 */
const MODE_TRUNCATION = 1e-5;

/**
 * circulantModes of a ring profile (N cells, J+, σ), remembered: structureKey
 * and kernelParams ask for the same few profiles on every live patch (~25 ms
 * each at N = 2048).
 */
function ringModes(n: number, jPlus: number, sigma: number): { table: Float64Array; modes: Float64Array } {
  const key = `${n},${jPlus},${sigma}`;
  let found = ringModeCache.get(key);
  if (!found) {
    const table = ringProfile(n, jPlus, sigma);
    found = { table, modes: circulantModes(table) };
    if (ringModeCache.size >= 16) ringModeCache.delete(ringModeCache.keys().next().value!);
    ringModeCache.set(key, found);
  }
  return found;
}
const ringModeCache = new Map<string, { table: Float64Array; modes: Float64Array }>();

/** The fewest leading Fourier modes of a ring table whose dropped coefficients sum to at most MODE_TRUNCATION of its largest weight. */
function modesWithin({ table, modes }: { table: Float64Array; modes: Float64Array }): number {
  const allowed = MODE_TRUNCATION * table.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
  let m = modes.length, tail = 0;
  while (m > 1 && tail + Math.abs(modes[m - 1]!) <= allowed) tail += Math.abs(modes[--m]!);
  return m;
}

/**
 * Room for the Fourier modes of an all-to-all continuous projection, so that
 * its ring profile's J+ and σ stay live: the modes of the profile with the
 * most, J+ at its largest and σ at min(σ, LIVE_SIGMA_FLOOR) (the count grows as
 * σ narrows and, slowly, as J+ grows), or more where the profile itself cannot
 * be cut to that within MODE_TRUNCATION. The weight does not change it.
 */
function profileModeCapacity(spec: ProjectionSpec, preN: number): number {
  const c = spec.connectivity;
  if (c.kind !== 'allToAll' || c.profile.kind !== 'ring') return 1;
  const mostModes = ringModes(preN, RING_PROFILE_PARAMS.jPlus.max, Math.min(c.profile.sigma, LIVE_SIGMA_FLOOR)).modes;
  return Math.max(mostModes.length, modesWithin(ringModes(preN, c.profile.jPlus, c.profile.sigma)));
}

/**
 * Fixed-point scale of a postsynaptic accumulator: the largest power of two
 * for which the most input one step can deliver (every source firing at once)
 * stays below 2^30; at most 2^24.
 */
export function fixedPointScale(maxStepInput: number): number {
  if (maxStepInput <= 0) return 2 ** 24;
  return 2 ** Math.min(24, Math.floor(Math.log2(2 ** 30 / maxStepInput)));
}

export function kernelParams(layout: NetworkLayout, s: Scenario): KernelParams {
  const tables = new Float32Array(layout.sizes.tables);
  const itables = new Int32Array(layout.sizes.itables);
  const dt = s.dt;

  // Weight tables per projection (before scaling) and the worst-case step input per accumulator.
  const d1 = s.modulators.dopamineD1;
  // a projection's values from the scenario as patched (the layout's spec is the one it was built from: structure only)
  const live = (pr: ProjectionLayout) => s.projections[pr.index]!;
  const gain = (pr: ProjectionLayout) => (pr.spec.receptor === 'nmda' || pr.spec.receptor === 'gaba' ? d1 : 1);
  const weightOf = (pr: ProjectionLayout) => live(pr).weight * gain(pr);
  const profiles = layout.projections.map((pr) => profileShape(live(pr), pr.pre.n).map((j) => j * weightOf(pr)));
  const bound = new Map<string, number>();
  layout.projections.forEach((pr, i) => {
    if (!isSpikeReceptor(pr.spec.receptor)) return;
    const key = `${pr.post.index}/${pr.spec.receptor}`;
    const maxAbs = profiles[i]!.reduce((m, w) => Math.max(m, Math.abs(w)), 0) * (pr.spec.plasticity ? maxEfficacy(live(pr).plasticity!) : 1);
    bound.set(key, (bound.get(key) ?? 0) + pr.k * maxAbs);
  });
  const scaleOf = (pop: number, receptor: 'ampa' | 'gaba') => fixedPointScale(bound.get(`${pop}/${receptor}`) ?? 0);

  const lifUpdate = new Map<number, LifUpdateParams>();
  const rateUpdate = new Map<number, RateUpdateParams>();
  const sourceUpdate = new Map<number, SourceUpdateParams>();
  const gridUpdate = new Map<number, GridUpdateParams>();
  const placeStimulus = new Map<number, PlaceStimulusParams>();
  const sheetInput = new Map<number, SheetInputParams>();
  const gridSheetUpdate = new Map<number, GridSheetUpdateParams>();
  for (const pop of layout.populations) {
    const spec = s.populations[pop.index]!;
    if (pop.placeBase >= 0) placeStimulus.set(pop.index, placeStimulusParams(pop, s, layout.agentPathBase));
    if (spec.kind === 'gridSheet') {
      const sheet = gridSheetParams(pop, spec, s, layout, tables);
      sheetInput.set(pop.index, sheet.input);
      gridSheetUpdate.set(pop.index, sheet.update);
    } else if (spec.kind === 'source') {
      sourceUpdate.set(pop.index, sourceParams(pop, spec, s));
    } else if (spec.kind === 'grid') {
      gridUpdate.set(pop.index, gridParams(pop, spec, s, layout.agentPathBase, tables));
    } else if (spec.kind === 'place') {
      gridUpdate.set(pop.index, placeParams(pop, spec, s, layout.agentPathBase, tables));
    } else if (spec.kind === 'lif') {
      const poisson = (receptor: 'ampa' | 'gaba') => s.inputs.find((inp) => inp.target === spec.id && inp.receptor === receptor);
      const pa = poisson('ampa');
      const pg = poisson('gaba');
      tables.set(poissonCdf((pa?.rate ?? 0) * dt), pop.poissonBase);
      tables.set(poissonCdf((pg?.rate ?? 0) * dt), pop.poissonBase + POISSON_TABLE_SIZE);
      lifUpdate.set(pop.index, lifParams(pop, spec, s, {
        poissonAmpa: pa && pa.rate > 0 ? 1 : 0, poissonGaba: pg && pg.rate > 0 ? 1 : 0,
        wPoissonAmpa: pa?.weight ?? 0, wPoissonGaba: pg?.weight ?? 0,
        invScaleAmpa: 1 / scaleOf(pop.index, 'ampa'), invScaleGaba: 1 / scaleOf(pop.index, 'gaba'),
      }));
    } else {
      rateUpdate.set(pop.index, rateParams(pop, spec, s));
    }
  }

  const deliverSparse = new Map<number, DeliverSparseParams>();
  const deliverDense = new Map<number, DeliverDenseParams>();
  const deliverPlastic = new Map<number, DeliverPlasticParams>();
  const traceUpdate = new Map<number, TraceUpdateParams>();
  const plasticity = new Map<number, PlasticityParams>();
  const gatherSparse = new Map<number, GatherSparseParams>();
  const gatherModes = new Map<number, GatherModesParams>();
  const gatherExpand = new Map<number, GatherExpandParams>();
  layout.projections.forEach((pr, i) => {
    const post = pr.post;
    const profile = profiles[i]!;
    if (pr.route === 'deliverSparse' || pr.route === 'deliverDense' || pr.route === 'deliverPlastic') {
      const receptor = pr.spec.receptor as 'ampa' | 'gaba';
      const scale = scaleOf(post.index, receptor);
      const postAccBase = post.accBase + (receptor === 'gaba' ? post.n : 0);
      if (pr.plastic) {
        const pl = pr.plastic;
        deliverPlastic.set(i, {
          preSpikeBase: pr.pre.spikeBase, preN: pr.pre.n, postN: post.n, dense: pl.dense ? 1 : 0, rowBase: pl.rowBase,
          postConnBase: pl.postConnBase, postAccBase, wBase: pl.wBase, zBase: Math.max(0, pl.zBase), late: pl.zBase >= 0 ? 1 : 0,
          weightScale: weightOf(pr) * scale,
        });
        const traces = plasticityParams(pr, pl, live(pr).plasticity!, s);
        traceUpdate.set(traceTarget(i, 0), traces.pre);
        traceUpdate.set(traceTarget(i, 1), traces.post);
        plasticity.set(i, traces.rule);
      } else if (pr.route === 'deliverSparse') {
        deliverSparse.set(i, {
          preSpikeBase: pr.pre.spikeBase, preN: pr.pre.n, rowBase: pr.connBase, targetBase: pr.connBase + pr.pre.n + 1,
          postAccBase, weight: Math.round(weightOf(pr) * scale),
        });
      } else {
        profile.forEach((w, d) => (itables[pr.tableBase + d] = Math.round(w * scale)));
        deliverDense.set(i, { preSpikeBase: pr.pre.spikeBase, preN: pr.pre.n, postN: post.n, postAccBase, tableBase: pr.tableBase, ring: pr.ring ? 1 : 0 });
      }
      return;
    }
    const srcBase = sectionOffset(pr.pre, pr.spec.receptor === 'nmda' ? 'sNmda' : 'r');
    const dstBase = sectionOffset(post, pr.spec.receptor === 'nmda' ? 'gNmda' : 'iIn');
    // rate → LIF weights are in pA per Hz; the LIF kernel works in pA, so no conversion.
    if (pr.route === 'gatherSparse') {
      gatherSparse.set(i, { postN: post.n, k: pr.k, srcBase, dstBase, connBase: pr.connBase, accumulate: pr.accumulate ? 1 : 0, weight: weightOf(pr) });
    } else {
      tables.set(trigTables(pr.ring ? pr.pre.n : 1), pr.trigBase);
      // the live profile's modes (linear in the weight), cut to the layout's room within MODE_TRUNCATION
      // (structureKey rebuilds beyond)
      const modes = profileTransform(live(pr), pr.pre.n).modes.subarray(0, pr.modeCapacity).map((m) => m * weightOf(pr));
      tables.set(modes, pr.coefBase);
      const trigN = pr.ring ? pr.pre.n : 1;
      gatherModes.set(i, { preN: pr.pre.n, srcBase, modesBase: pr.modesBase, modeCount: modes.length, trigBase: pr.trigBase });
      gatherExpand.set(i, {
        postN: post.n, preN: trigN, dstBase, modesBase: pr.modesBase, modeCount: modes.length, trigBase: pr.trigBase,
        coefBase: pr.coefBase, accumulate: pr.accumulate ? 1 : 0,
      });
    }
  });

  const stateProbe = new Map<number, StateProbeParams>();
  const synapseProbe = new Map<number, StateProbeParams>();
  const synapseMean = new Map<number, SynapseMeanParams>();
  layout.stateProbes.forEach((sp, i) => {
    const { srcBase, samplesBase, spec: { everySteps } } = sp;
    if (sp.spec.kind === 'synapseMean') {
      synapseMean.set(i, { groups: sp.width, groupSize: sp.spec.groupSize, synCount: sp.synCount, srcBase, samplesBase, everySteps });
      return;
    }
    (sp.arena === 'state' ? stateProbe : synapseProbe).set(i, { count: sp.width, srcBase, indexBase: sp.indexBase, samplesBase, everySteps });
  });

  const mapAccumulate = new Map<number, MapAccumulateParams>();
  const mapStats = new Map<number, MapStatsParams>();
  const mapDecode = new Map<number, MapDecodeParams>();
  const mapGridness = new Map<number, MapGridnessParams>();
  layout.rateMaps.forEach((rm, i) => {
    const { nx, ny, width, height, occBase, mapBase, windowBase, posBase, scoreBase, acorrBase, samplesBase, stride, pop } = rm;
    const n = pop.n;
    const everySteps = rm.spec.everySteps;
    mapAccumulate.set(i, {
      n, spiking: pop.spiking ? 1 : 0, spikeBase: Math.max(0, pop.spikeBase), rBase: pop.spiking ? 0 : sectionOffset(pop, 'r'),
      pathBase: Math.max(0, layout.agentPathBase), nx, ny, occBase, mapBase, windowBase, posBase, width, height, dt,
    });
    mapStats.set(i, { n, nx, ny, occBase, mapBase, samplesBase, stride, everySteps, threshold: RATE_MAP_FIELD_THRESHOLD, binArea: (width / nx) * (height / ny) });
    mapDecode.set(i, { n, nx, ny, occBase, mapBase, windowBase, posBase, scoreBase, samplesBase, stride, everySteps, selBase: rm.selBase, selCount: rm.spec.cells.length, width, height });
    const cells = rm.spec.cells.length;
    const { mapsAt, gridnessAt } = rateMapOffsets(n, cells, nx * ny);
    mapGridness.set(i, { nx, ny, cells, samplesBase, stride, everySteps, mapsAt, gridnessAt, acorrBase, enabled: rm.gridness ? 1 : 0 });
  });

  const weightHistogram = new Map<number, WeightHistogramParams>();
  layout.histograms.forEach((h, i) => {
    const { bins, min, max, everySteps } = h.spec;
    weightHistogram.set(i, { synCount: h.synCount, srcBase: h.srcBase, countsBase: h.countsBase, bins, everySteps, lo: min, binsPerUnit: bins / (max - min) });
  });

  return {
    mapAccumulate, mapStats, mapScore: mapDecode, mapDecode, mapGridness, weightHistogram,
    lifUpdate, rateUpdate, sourceUpdate, gridUpdate, placeStimulus, sheetInput, gridSheetUpdate, deliverSparse, deliverDense, deliverPlastic, gatherSparse, gatherModes, gatherExpand,
    traceUpdate, plasticity, plasticityEvents: plasticity, stateProbe, synapseProbe, synapseMean, tables, itables,
  };
}

/** Fixed-point scale of a population's protein sum: every tagCapture synapse into it at most hMax − 1 from h0 (or 1 below). */
function proteinScale(post: PopulationLayout, s: Scenario): number {
  let bound = 0;
  for (const pr of s.projections) {
    if (pr.to !== post.spec.id || pr.plasticity?.rule !== 'tagCapture') continue;
    const c = pr.connectivity;
    const k = c.kind === 'allToAll' ? s.populations.find((p) => p.id === pr.from)!.n : c.kind === 'oneToOne' ? 1 : c.k;
    bound += k * Math.max(1, pr.plasticity.hMax - 1);
  }
  return fixedPointScale(bound);
}

/** Noise stream of a plastic projection's synapses (two streams for Box–Muller). */
const plasticityStream = (projection: number) => (0x60000000 | (2 * projection)) >>> 0;

/**
 * Trace and rule parameters of a plastic projection. Which trace time
 * constants a side uses depends on the rule: STDP t1 = τ+ (pre) / τ− (post),
 * t2 = τx / τy; calcium rules ca = τCa with the delay on the presynaptic side;
 * BCM the rate estimate (τ_rate) and the postsynaptic threshold; the NMDA rule
 * t1 = the glutamate trace; tagging and capture the postsynaptic protein pool.
 */
function plasticityParams(pr: ProjectionLayout, pl: PlasticLayout, r: PlasticitySpec, s: Scenario) {
  const dt = s.dt;
  const decay = (tau: number) => Math.exp(-dt / tau);
  const side = (pop: PopulationLayout, traceBase: number): TraceUpdateParams => ({
    n: pop.n, traceBase, protein: 0, protAccBase: 0, decay1: 0, decay2: 0, decayCa: 0, rateKeep: 0, thetaRate: 0, invY0: 0,
    protKeep: 1, protAlpha: 0, protThreshold: 0, protInvScale: 0, spikeBase: pop.spikeBase, delaySteps: 0, rateJump: 0,
  });
  const pre = side(pr.pre, pl.preTraceBase);
  const post = side(pr.post, pl.postTraceBase);
  const rule: PlasticityParams = {
    rule: RULE_IDS[r.rule], synCount: pl.synCount, dense: pl.dense ? 1 : 0, preN: pr.pre.n, postN: pr.post.n,
    preConnBase: pl.preConnBase, postConnBase: pl.postConnBase, wBase: pl.wBase, zBase: Math.max(0, pl.zBase),
    cBase: Math.max(0, pl.cBase), storeC: pl.cBase >= 0 ? 1 : 0, preTraceBase: pl.preTraceBase, postTraceBase: pl.postTraceBase,
    vBase: 0, hasV: 0, protAccBase: Math.max(0, pl.protAccBase), proteinBase: Math.max(0, pl.proteinBase), seed: s.seed, stream: plasticityStream(pr.index),
    softBounds: 0, trkbBlock: 0, postSpikeBase: Math.max(0, pr.post.spikeBase), gain: r.gain * (r.modulator === 'none' ? 1 : s.modulators[r.modulator]), wMin: r.wMin, wMax: r.wMax,
    aPlus: 0, aMinus: 0, a3Plus: 0, a3Minus: 0, cPre: 0, cPost: 0, thetaD: 0, thetaP: 0, gammaD: 0, gammaP: 0, rhoStar: 0,
    dtOverTau: 0, noiseAmp: 0, etaDt: 0, mgFactor: 0, nmdaOpen: 0, hMax: 0, tagThreshold: 0, dtOverTauZ: 0, protScale: 0, bdnf: 0, gammaH: 0,
  };
  switch (r.rule) {
    case 'stdp':
      pre.decay1 = decay(r.tauPlus);
      pre.decay2 = decay(r.tauX);
      post.decay1 = decay(r.tauMinus);
      post.decay2 = decay(r.tauY);
      Object.assign(rule, { aPlus: r.aPlus, aMinus: r.aMinus, a3Plus: r.a3Plus, a3Minus: r.a3Minus, softBounds: r.softBounds });
      break;
    case 'calcium':
    case 'tagCapture': {
      pre.decayCa = post.decayCa = decay(r.tauCa);
      pre.delaySteps = Math.round(r.delay / dt);
      const tau = r.rule === 'calcium' ? r.tau : r.tauH;
      Object.assign(rule, {
        cPre: r.cPre, cPost: r.cPost, thetaD: r.thetaD, thetaP: r.thetaP, gammaD: r.gammaD, gammaP: r.gammaP,
        dtOverTau: dt / tau, noiseAmp: r.sigma * Math.sqrt(dt / tau),
      });
      if (r.rule === 'calcium') {
        rule.rhoStar = r.rhoStar;
      } else {
        const protScale = proteinScale(pr.post, s);
        if (pl.ownsProtein) {
          Object.assign(post, {
            protein: 1, protAccBase: pl.protAccBase, protKeep: decay(r.tauP), protAlpha: r.alpha, protThreshold: r.proteinThreshold, protInvScale: 1 / protScale,
          });
        }
        Object.assign(rule, {
          hMax: r.hMax, tagThreshold: r.tagThreshold, dtOverTauZ: dt / r.tauZ, protScale, bdnf: r.bdnf, trkbBlock: r.trkbBlock > 0 ? 1 : 0,
        });
      }
      break;
    }
    case 'bcm':
      pre.rateKeep = post.rateKeep = decay(r.tauRate);
      pre.rateJump = post.rateJump = (1 - decay(r.tauRate)) / dt;
      post.thetaRate = dt / r.tauTheta;
      post.invY0 = 1 / r.y0;
      rule.etaDt = r.eta * dt;
      break;
    case 'btsp':
      // the eligibility trace is the presynaptic t1; the plateau is the postsynaptic external current (pA) above threshold
      pre.decay1 = decay(r.tauET);
      Object.assign(rule, {
        thetaP: r.plateauThreshold * 1000, gammaP: r.etaP * dt, gammaD: r.etaD * dt,
        hasV: pr.post.spec.kind === 'lif' ? 1 : 0, vBase: pr.post.spec.kind === 'lif' ? sectionOffset(pr.post, 'iExt') : 0,
      });
      break;
    case 'nmdaHebbian':
      pre.decay1 = decay(r.tauPre);
      Object.assign(rule, {
        thetaD: r.thetaD, thetaP: r.thetaP, gammaP: r.etaP * dt, gammaD: r.etaD * dt, gammaH: (1 - r.nmdaBlock) * r.etaH, mgFactor: r.Mg / 3.57, nmdaOpen: 1 - r.nmdaBlock,
        hasV: pr.post.spec.kind === 'lif' ? 1 : 0, vBase: pr.post.spec.kind === 'lif' ? sectionOffset(pr.post, 'v') : 0,
      });
      break;
  }
  return { pre, post, rule };
}

/** Schedule of a spike source in whole steps (the start of neuron i is onset + i·offsetStep, rounded in f32 by the kernel). */
function sourceParams(pop: PopulationLayout, spec: SourcePopulationSpec, s: Scenario): SourceUpdateParams {
  const steps = (t: number) => Math.max(1, Math.round(t / s.dt));
  return {
    n: pop.n, spikeBase: pop.spikeBase, recordBase: pop.recordBase, recordLimit: pop.recordLimit, recordCap: pop.recordCap,
    countsBase: pop.countsBase, countGroupSize: pop.countGroupSize, countGroups: pop.countGroups, binSteps: pop.binSteps,
    seed: s.seed, streamBase: pop.index * 8,
    onsetSteps: Math.round(spec.onset / s.dt), intervalSteps: steps(spec.interval), count: spec.count,
    burst: spec.burst, burstSteps: steps(spec.burstInterval), trains: spec.trains, trainSteps: steps(spec.trainInterval),
    poissonOn: spec.rate > 0 ? 1 : 0, offsetSteps: spec.offsetStep / s.dt, pSpike: spec.rate * s.dt,
    freq0Dt: spec.interval > 0 ? s.dt / spec.interval : 0, freqStepDt: spec.frequencyStep * s.dt,
  };
}

/** The modules of a grid population: spacing baseSpacing · ratio^m (m), orientation (orientation + m · step)° in rad. */
export function gridModulesOf(spec: GridPopulationSpec) {
  return geometricModules({
    modules: spec.modules, cellsPerModule: spec.cellsPerModule, baseSpacing: spec.baseSpacing, spacingRatio: spec.spacingRatio,
    orientations: Array.from({ length: spec.modules }, (_, m) => ((spec.orientation + m * spec.orientationStep) * Math.PI) / 180),
  });
}

/** Seed of a grid population's phases: a function of the scenario seed and the population's index. */
export function gridPhaseSeed(seed: number, population: number): number {
  return rngU32(seed, 0xfffffffd, population, GRID_PHASE_STREAM);
}

/**
 * Grid cells: wave vectors and phases (from the seed) into tables, and the
 * spike probability pScale · max(0, S − offset) of the shape, S the sum of the
 * three cosines: rectified g = (S/3 − T)/(1 − T), shifted g = (2/3)(S/3 + ½).
 */
function gridParams(pop: PopulationLayout, spec: GridPopulationSpec, s: Scenario, pathBase: number, tables: Float32Array): GridUpdateParams {
  const t = gridTables(makeGridPopulation(gridModulesOf(spec), gridPhaseSeed(s.seed, pop.index), spec.shape, spec.threshold, spec.realignment));
  tables.set(t.kx, pop.gridBase);
  tables.set(t.ky, pop.gridBase + 3 * pop.n);
  tables.set(t.phase, pop.gridBase + 6 * pop.n);
  const perStep = spec.rMax * s.dt;
  const rectified = spec.shape === 'rectified';
  return {
    gaussian: 0, n: pop.n, spikeBase: pop.spikeBase, recordBase: pop.recordBase, recordLimit: pop.recordLimit, recordCap: pop.recordCap,
    countsBase: pop.countsBase, countGroupSize: pop.countGroupSize, countGroups: pop.countGroups, binSteps: pop.binSteps,
    seed: s.seed, streamBase: pop.index * 8, tableBase: pop.gridBase, pathBase: Math.max(0, pathBase),
    offset: rectified ? 3 * spec.threshold : -1.5,
    pScale: rectified ? perStep / (3 * (1 - spec.threshold)) : (2 / 9) * perStep,
  };
}

/** Stream of the place-cell centres (per population: + 2 · index). */
const PLACE_CENTRE_STREAM = 0x20000200;

/**
 * Place cells (the gridUpdate kernel with gaussian = 1): centres uniform over
 * the arena (a track: along it, y = 0), from the seed, into tables; the spike
 * probability rMax dt exp(−d²/2σ²) = pScale · 2^(d² · offset).
 */
function placeParams(pop: PopulationLayout, spec: PlacePopulationSpec, s: Scenario, pathBase: number, tables: Float32Array): GridUpdateParams {
  const arena = s.agent!.arena;
  const [w, h] = arena.kind === 'box' ? [arena.width, arena.height] : [arena.length, 0];
  const stream = PLACE_CENTRE_STREAM + 2 * pop.index;
  for (let i = 0; i < pop.n; i++) {
    tables[pop.gridBase + i] = w * rngUniform(s.seed, 0, i, stream);
    tables[pop.gridBase + pop.n + i] = h * rngUniform(s.seed, 0, i, stream + 1);
  }
  return {
    gaussian: 1, n: pop.n, spikeBase: pop.spikeBase, recordBase: pop.recordBase, recordLimit: pop.recordLimit, recordCap: pop.recordCap,
    countsBase: pop.countsBase, countGroupSize: pop.countGroupSize, countGroups: pop.countGroups, binSteps: pop.binSteps,
    seed: s.seed, streamBase: pop.index * 8, tableBase: pop.gridBase, pathBase: Math.max(0, pathBase),
    offset: -Math.LOG2E / (2 * spec.width * spec.width), pScale: spec.rMax * s.dt,
  };
}

/**
 * A grid sheet (src/model/grid-sheet.ts): its weights' spectra into tables
 * (from the live weight parameters, so they stay live), and the update's drive
 * A (1 ± α v) and decay.
 */
function gridSheetParams(pop: PopulationLayout, spec: GridSheetPopulationSpec, s: Scenario, layout: NetworkLayout, tables: Float32Array) {
  tables.set(sheetSpectrumTables(spec.side, spec), pop.sheetBase);
  const stateBase = pop.stateBase;
  const input: SheetInputParams = { side: spec.side, n: pop.n, srcBase: stateBase, dstBase: stateBase + pop.n, tableBase: pop.sheetBase, spectrumBase: pop.sheetSpectrumBase };
  const update: GridSheetUpdateParams = {
    n: pop.n, side: spec.side, stateBase, velBase: Math.max(0, layout.agentVelocityBase), hasAgent: layout.agentVelocityBase >= 0 ? 1 : 0,
    noiseOn: spec.noise > 0 ? 1 : 0, seed: s.seed, streamBase: pop.index * 8,
    decay: Math.exp(-s.dt / spec.tau), gain: spec.gain, A: spec.A, alphaA: spec.A * spec.alpha, vx: spec.vx, vy: spec.vy, noise: spec.noise,
  };
  return { input, update };
}

function lifParams(
  pop: PopulationLayout, spec: LifPopulationSpec, s: Scenario,
  inputs: Pick<LifUpdateParams, 'poissonAmpa' | 'poissonGaba' | 'wPoissonAmpa' | 'wPoissonGaba' | 'invScaleAmpa' | 'invScaleGaba'>,
): LifUpdateParams {
  const dt = s.dt;
  return {
    n: pop.n, stateBase: pop.stateBase, accBase: pop.accBase, spikeBase: pop.spikeBase,
    recordBase: pop.recordBase, recordLimit: pop.recordLimit, recordCap: pop.recordCap,
    countsBase: pop.countsBase, countGroupSize: pop.countGroupSize, countGroups: pop.countGroups, binSteps: pop.binSteps,
    poissonBase: pop.poissonBase,
    hasNmdaIn: pop.hasNmdaIn ? 1 : 0, hasRateIn: pop.hasRateIn ? 1 : 0, hasStimulus: pop.hasStimulus ? 1 : 0, hasNmdaOut: pop.hasNmdaOut ? 1 : 0,
    conductance: spec.synapse === 'conductance' ? 1 : 0,
    refSteps: Math.round(spec.tauRef / dt),
    seed: s.seed, streamBase: pop.index * 8,
    decayAmpa: Math.exp(-dt / spec.tauAmpa), decayGaba: Math.exp(-dt / spec.tauGaba),
    decayNmdaRise: Math.exp(-dt / spec.tauNmdaRise), nmdaDecayRate: 1 / spec.tauNmdaDecay, alphaNmda: spec.alphaNmda,
    dt, invC: 1 / spec.C, gL: spec.gL, EL: spec.EL, Vth: spec.Vth, Vreset: spec.Vreset,
    Eampa: spec.Eampa, Egaba: spec.Egaba, Enmda: spec.Enmda, mgFactor: spec.Mg / 3.57,
    iBias: spec.Ibias * 1000, // nA → pA
    adaptOn: spec.adaptIncrement > 0 ? 1 : 0, decayAdapt: Math.exp(-dt / spec.tauAdapt), adaptIncrement: spec.adaptIncrement, EK: spec.EK,
    ...inputs,
  };
}

function rateParams(pop: PopulationLayout, spec: RatePopulationSpec, s: Scenario): RateUpdateParams {
  return {
    n: pop.n, stateBase: pop.stateBase, hasRateIn: pop.hasRateIn ? 1 : 0, hasStimulus: pop.hasStimulus ? 1 : 0,
    noiseOn: spec.noise > 0 ? 1 : 0, seed: s.seed, streamBase: pop.index * 8,
    decay: Math.exp(-s.dt / spec.tau), gain: spec.gain, threshold: spec.threshold, rMax: spec.rMax, bias: spec.bias, noise: spec.noise,
  };
}

/** Connectivity and probe index lists for the conn arena, from the seed. */
export function buildConnectivity(layout: NetworkLayout, s: Scenario): Uint32Array {
  const conn = new Uint32Array(layout.sizes.conn);
  for (const pr of layout.projections) {
    const sparsePlastic = pr.plastic !== undefined && !pr.plastic.dense;
    if (pr.route !== 'deliverSparse' && pr.route !== 'gatherSparse' && !sparsePlastic) continue;
    const c = pr.spec.connectivity;
    const byPost = c.kind === 'fixedInDegree'
      ? fixedInDegree(pr.pre.n, pr.post.n, c.k, s.seed, connectivityStream(pr.index), pr.pre === pr.post && !c.autapses)
      : oneToOne(pr.post.n);
    if (pr.route === 'gatherSparse') {
      conn.set(byPost, pr.connBase);
    } else {
      const base = pr.plastic ? pr.plastic.rowBase : pr.connBase;
      const csr = toPresynapticCsr(byPost, pr.pre.n, pr.k);
      conn.set(csr.rowStart, base);
      conn.set(csr.targets, base + pr.pre.n + 1);
      if (pr.plastic) {
        // the source of every synapse, for the per-synapse plasticity kernel
        for (let j = 0; j < pr.pre.n; j++) conn.fill(j, pr.plastic.preConnBase + csr.rowStart[j]!, pr.plastic.preConnBase + csr.rowStart[j + 1]!);
      }
    }
  }
  for (const rm of layout.rateMaps) conn.set(rm.spec.cells, rm.selBase);
  for (const sp of layout.stateProbes) {
    if (sp.spec.kind === 'sheet') conn.set(Uint32Array.from({ length: sp.width }, (_, k) => k), sp.indexBase);
    else if (sp.spec.kind !== 'synapseMean') conn.set(sp.spec.indices, sp.indexBase);
  }
  return conn;
}

/** Initial state: LIF membrane potentials uniform in [Vreset, Vth), BCM thresholds at θ_init, everything else zero. */
export function initialState(layout: NetworkLayout, s: Scenario): Float32Array {
  const state = new Float32Array(layout.sizes.state);
  for (const pr of layout.projections) {
    const r = pr.spec.plasticity;
    if (!pr.plastic || r?.rule !== 'bcm') continue;
    const theta = pr.plastic.postTraceBase + TRACE_SECTIONS.indexOf('theta') * pr.post.n;
    state.fill(r.thetaInit, theta, theta + pr.post.n);
  }
  for (const pop of layout.populations) {
    const spec = pop.spec;
    // a place gate starts armed: the first entry into its disc fires a plateau
    if (pop.placeBase >= 0) state.fill(1, pop.placeBase + 2 * pop.n, pop.placeBase + 3 * pop.n);
    if (spec.kind === 'gridSheet') {
      // grid sheets start from noise: s uniform in [0, sInit)
      const live = s.populations[pop.index] as GridSheetPopulationSpec;
      for (let i = 0; i < pop.n; i++) state[pop.stateBase + i] = live.sInit * rngUniform(s.seed, 0xffffffff, i, (0x40000000 | pop.index) >>> 0);
      continue;
    }
    if (spec.kind !== 'lif') continue;
    const live = s.populations[pop.index] as LifPopulationSpec;
    for (let i = 0; i < pop.n; i++) {
      const u = rngUniform(s.seed, 0xffffffff, i, (0x40000000 | pop.index) >>> 0);
      state[pop.stateBase + i] = live.Vreset + u * (live.Vth - live.Vreset);
    }
  }
  return state;
}

/**
 * Initial synapse variables (syn arena), from the seed: w uniform in wInit ±
 * wInitSpread within the bounds; calcium rule ρ = 1 for a fraction β of the
 * synapses, else 0 (Graupner & Brunel 2012); tagging and capture h = h0, z = 0.
 */
export function initialSynapses(layout: NetworkLayout, s: Scenario): Float32Array {
  const syn = new Float32Array(layout.sizes.syn);
  for (const pr of layout.projections) {
    const r = pr.spec.plasticity;
    if (!pr.plastic || !r) continue;
    const stream = plasticityStream(pr.index);
    for (let k = 0; k < pr.plastic.synCount; k++) {
      const u = rngUniform(s.seed, 0xfffffffe, k, stream);
      let w: number;
      if (r.rule === 'calcium') w = u < r.upFraction ? 1 : 0;
      else if (r.rule === 'tagCapture') w = 1;
      else w = Math.min(r.wMax, Math.max(r.wMin, r.wInit + (2 * u - 1) * r.wInitSpread));
      syn[pr.plastic.wBase + k] = w;
    }
  }
  return syn;
}

/** Pulses of a source's schedule that quietIntervals lists one by one. */
const MAX_LISTED_PULSES = 10_000;

/** Steps of dt in one slow step of a scenario's fast-forward (fastForward.step; 1 without one). */
export function slowStride(s: Scenario): number {
  return s.fastForward ? Math.max(1, Math.round(s.fastForward.step / s.dt)) : 1;
}

/**
 * Quiet periods a scenario with fastForward may skip, as [from, to) in steps,
 * both multiples of the slow step: no stimulus on, no scheduled source spike,
 * at least `settle` s after the last activity. None when anything fires at
 * random (Poisson inputs, sources or grid cells) or has an agent, which is never quiet.
 */
export function quietIntervals(s: Scenario): [number, number][] {
  const ff = s.fastForward;
  // an agent moves all the time (and its path must advance step by step)
  if (!ff || s.agent || s.inputs.some((i) => i.rate > 0) || s.populations.some((p) => (p.kind === 'source' && p.rate > 0) || p.kind === 'grid' || p.kind === 'place' || p.kind === 'gridSheet')) return [];
  const active: [number, number][] = s.stimuli.map((st) => [st.onset, st.onset + st.duration]);
  for (const p of s.populations) {
    if (p.kind !== 'source' || p.count === 0) continue;
    const offsets = [0, (p.n - 1) * p.offsetStep];
    const burst = (p.burst - 1) * p.burstInterval;
    // a frequency sweep: the slowest neuron's interval bounds the train
    const slowest = p.frequencyStep === 0 ? p.interval : 1 / Math.min(1 / p.interval, 1 / p.interval + (p.n - 1) * p.frequencyStep);
    // each pulse is its own active window (quiet gaps between pairings), unless intervals differ or there are too many to list
    const perPulse = p.frequencyStep === 0 && p.count * p.trains <= MAX_LISTED_PULSES;
    for (let t = 0; t < p.trains; t++) {
      const start = p.onset + t * p.trainInterval;
      for (let m = 0; m < (perPulse ? p.count : 1); m++) {
        const end = perPulse ? m * p.interval + burst : (p.count - 1) * slowest + burst;
        active.push([start + m * p.interval + Math.min(...offsets), start + end + Math.max(...offsets)]);
      }
    }
  }
  active.sort((a, b) => a[0] - b[0]);
  const slow = slowStride(s);
  const total = Math.round(s.duration / s.dt);
  const quiet: [number, number][] = [];
  let free = 0; // seconds: the earliest time a quiet period may start
  const close = (until: number) => {
    const from = Math.ceil(free / s.dt / slow) * slow;
    const to = Math.floor(Math.min(until / s.dt, total) / slow) * slow;
    if (to - from >= 2 * slow) quiet.push([from, to]);
  };
  for (const [on, off] of active) {
    close(on);
    free = Math.max(free, off + ff.settle);
  }
  close(s.duration);
  return quiet;
}

/**
 * A population's place-gated stimulus: the gate window in steps, the disc, the
 * plateau length in steps and the current (pA for LIF) for cells [first, last).
 */
function placeStimulusParams(pop: PopulationLayout, s: Scenario, pathBase: number): PlaceStimulusParams {
  const st = s.stimuli.find((o) => o.target === pop.spec.id && o.place)!;
  const place = st.place!;
  const range = st.profile.kind === 'range' ? st.profile : { from: 0, to: pop.n };
  return {
    n: pop.n, blockBase: pop.placeBase, iExtBase: sectionOffset(pop, 'iExt'), pathBase: Math.max(0, pathBase),
    first: range.from, last: range.to,
    onStep: Math.round(st.onset / s.dt), offStep: Math.min(0xffffffff, Math.round((st.onset + st.duration) / s.dt)),
    plateauSteps: Math.max(1, Math.round(place.plateau / s.dt)),
    x: place.x, y: place.y, radius2: place.radius * place.radius,
    amplitude: st.amplitude * (pop.spec.kind === 'lif' ? 1000 : 1),
  };
}

/** Where the host writes a population's stimulus current: its place block's first section when it has one, else iExt. */
export function stimulusBase(pop: PopulationLayout): number {
  return pop.placeBase >= 0 ? pop.placeBase : sectionOffset(pop, 'iExt');
}

/** Steps at which the set of active stimuli changes (sorted, unique). */
export function stimulusEvents(s: Scenario): number[] {
  const steps = new Set<number>();
  for (const st of s.stimuli) {
    steps.add(Math.round(st.onset / s.dt));
    steps.add(Math.round((st.onset + st.duration) / s.dt));
  }
  return [...steps].sort((a, b) => a - b);
}

/** External current per neuron of one population at a step: pA for LIF (amplitudes in nA), input units for rate units. */
export function stimulusCurrent(pop: PopulationLayout, s: Scenario, step: number): Float32Array {
  const out = new Float32Array(pop.n);
  const toKernel = pop.spec.kind === 'lif' ? 1000 : 1;
  for (const st of s.stimuli) {
    // a place-gated stimulus is switched by its kernel (placeStimulus), not here
    if (st.target !== pop.spec.id || st.place) continue;
    const on = Math.round(st.onset / s.dt);
    const off = Math.round((st.onset + st.duration) / s.dt);
    if (step < on || step >= off) continue;
    const amp = st.amplitude * toKernel;
    const prof = st.profile;
    for (let i = 0; i < pop.n; i++) {
      if (prof.kind === 'uniform') out[i]! += amp;
      else if (prof.kind === 'range') out[i]! += i >= prof.from && i < prof.to ? amp : 0;
      else {
        const diff = Math.abs((((360 * i) / pop.n - prof.center) % 360 + 540) % 360 - 180);
        out[i]! += amp * Math.exp(-(diff * diff) / (2 * prof.width * prof.width));
      }
    }
  }
  return out;
}

/**
 * Bytes the step's kernels must move: per step with no spikes, and per
 * presynaptic spike delivered (reads of the CSR row and targets, atomic
 * read-modify-write of the accumulator). A model of the minimum traffic,
 * used by the benchmark for effective bandwidth.
 */
export function trafficModel(layout: NetworkLayout): { bytesPerStep: number; bytesPerSpike: number } {
  let bytesPerStep = 0;
  let bytesPerSpike = 0;
  let spikingNeurons = 0;
  for (const p of layout.populations) {
    if (p.spec.kind === 'lif') {
      // v, ref, sAmpa, sGaba read and written; two accumulators read and cleared; optional inputs read
      const reads = 4 + 2 + (p.hasNmdaIn ? 1 : 0) + (p.hasRateIn ? 1 : 0) + (p.hasStimulus ? 1 : 0) + (p.hasNmdaOut ? 2 : 0);
      const writes = 4 + 2 + (p.hasNmdaOut ? 2 : 0);
      bytesPerStep += 4 * p.n * (reads + writes);
      spikingNeurons += p.n;
    } else {
      bytesPerStep += 4 * p.n * (2 + (p.hasRateIn ? 1 : 0) + (p.hasStimulus ? 1 : 0));
    }
  }
  for (const pr of layout.projections) {
    if (pr.route === 'gatherSparse') bytesPerStep += 4 * pr.post.n * (2 * pr.k + 1 + (pr.accumulate ? 1 : 0));
    if (pr.route === 'gatherDense') {
      // the modes the profile computes, not the room kept for live changes
      const modes = Math.min(pr.modeCapacity, profileTransform(pr.spec, pr.pre.n).modes.length);
      bytesPerStep += 4 * (pr.pre.n + pr.post.n * (1 + (pr.accumulate ? 1 : 0)) + 4 * modes);
    }
    // per spike: list entry + row bounds + k targets + k atomic read-modify-writes (dense: one table entry per target)
    const share = spikingNeurons > 0 ? pr.pre.n / spikingNeurons : 0;
    if (pr.route === 'deliverSparse') bytesPerSpike += share * (4 + 8 + pr.k * 12);
    if (pr.plastic) {
      // per spike: row bounds, and per synapse its target, efficacy (and z), atomic add
      const late = pr.plastic.zBase >= 0 ? 4 : 0;
      bytesPerSpike += share * (4 + 8 + pr.k * (12 + late) - (pr.plastic.dense ? pr.k * 4 : 0));
      // per step: every synapse's efficacy read and written (+ z, c), its two endpoints, the trace blocks
      const perSyn = 8 + (pr.plastic.dense ? 0 : 8) + 2 * late + (pr.plastic.cBase >= 0 ? 4 : 0);
      bytesPerStep += pr.plastic.synCount * perSyn + 4 * 2 * TRACE_SECTIONS.length * (pr.pre.n + pr.post.n);
    }
    if (pr.route === 'deliverDense') bytesPerSpike += share * (4 + pr.post.n * 4);
  }
  return { bytesPerStep, bytesPerSpike };
}

/** Everything that fixes the buffers and the dispatch list: patches that change it need a rebuild. */
export function structureKey(s: Scenario): string {
  return JSON.stringify({
    dt: s.dt,
    seed: s.seed,
    populations: s.populations.map((p) => [p.id, p.kind, p.n, p.kind === 'lif' ? p.synapse : '']),
    projections: s.projections.map((p) => [p.id, p.from, p.to, p.receptor, p.connectivity.kind,
      p.connectivity.kind === 'fixedInDegree' ? [p.connectivity.k, p.connectivity.autapses] : '',
      p.connectivity.kind === 'allToAll' ? p.connectivity.profile.kind : '',
      p.connectivity.kind === 'allToAll' && !['ampa', 'gaba'].includes(p.receptor)
        ? profileModeCapacity(p, s.populations.find((q) => q.id === p.from)!.n) : 0,
      p.plasticity?.rule ?? '']),
    inputs: s.inputs.map((i) => [i.id, i.target, i.receptor]),
    stimuli: s.stimuli.map((st) => [st.id, st.target, st.place !== undefined]),
    fastForward: s.fastForward !== undefined,
    // the agent's motion parameters are live; its arena, start and recorded path are not
    agent: s.agent ? [s.agent.arena, s.agent.start, s.agent.trajectory] : null,
    probes: s.probes,
  });
}
