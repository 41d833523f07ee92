/**
 * Builds a network from a scenario, independent of the backend:
 * - layout: where every population, projection and probe lives in the arenas
 *   (structure only; fixed until a rebuild),
 * - kernel parameters and tables (from the live parameters; recomputed by apply),
 * - connectivity and initial state (from the seed; recomputed by reset),
 * - the ordered list of dispatches that make one step.
 * Both backends execute the same dispatch list with the same parameters.
 */
import { LIF_SECTIONS } from '../model/lif';
import { RATE_SECTIONS } from '../model/rate';
import { circulantModes, connectivityStream, fixedInDegree, oneToOne, ringProfile, toPresynapticCsr, trigTables } from '../model/connectivity';
import {
  type ArenaName, type DeliverDenseParams, type DeliverSparseParams, type GatherExpandParams, type GatherModesParams, type GatherSparseParams,
  type LifUpdateParams, type RateUpdateParams, type StateProbeParams, RECORD_HEADER, SPIKE_HEADER,
} from '../model/kernel-params';
import { POISSON_TABLE_SIZE, poissonCdf, rngUniform } from '../model/rng';
import type { LifPopulationSpec, PopulationSpec, ProbeSpec, ProjectionSpec, RatePopulationSpec, Scenario } from '../scenario/schema';

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
  readonly hasNmdaIn: boolean;
  readonly hasRateIn: boolean;
  readonly hasStimulus: boolean;
  readonly hasNmdaOut: boolean;
}

export type ProjectionRoute = 'deliverSparse' | 'deliverDense' | 'gatherSparse' | 'gatherDense';

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
  /** gatherDense: Fourier modes kept, their scratch in state, trig and coefficient tables in tables */
  readonly modeCount: number;
  readonly modesBase: number;
  readonly trigBase: number;
  readonly coefBase: number;
  readonly ring: boolean;
  /** first continuous projection into its destination section overwrites, later ones add */
  readonly accumulate: boolean;
}

export interface StateProbeLayout {
  readonly spec: Extract<ProbeSpec, { kind: 'state' }>;
  readonly pop: PopulationLayout;
  readonly indexBase: number;
  readonly samplesBase: number;
  readonly slots: number;
}

export type KernelName = 'lifUpdate' | 'rateUpdate' | 'deliverSparse' | 'deliverDense' | 'gatherSparse' | 'gatherModes' | 'gatherExpand' | 'stateProbe';

export type Dispatch =
  | { readonly kernel: Exclude<KernelName, 'stateProbe'>; readonly target: number; readonly invocations: number; readonly label: string }
  | { readonly kernel: 'stateProbe'; readonly target: number; readonly invocations: number; readonly label: string; readonly everySteps: number };

export interface NetworkLayout {
  readonly dt: number;
  readonly maxChunkSteps: number;
  readonly populations: readonly PopulationLayout[];
  readonly projections: readonly ProjectionLayout[];
  readonly stateProbes: readonly StateProbeLayout[];
  readonly sizes: Readonly<Record<ArenaName, number>>;
  /** one step, in order: deliveries of the previous step's spikes, gathers, neuron updates, state probes */
  readonly dispatches: readonly Dispatch[];
  /** workgroups of the persistent sparse-delivery kernel */
  readonly deliverWorkgroups: number;
}

/** Parameters of every dispatch, by kernel and target index (a field per kernel name). */
export interface KernelParams {
  readonly lifUpdate: Map<number, LifUpdateParams>;
  readonly rateUpdate: Map<number, RateUpdateParams>;
  readonly deliverSparse: Map<number, DeliverSparseParams>;
  readonly deliverDense: Map<number, DeliverDenseParams>;
  readonly gatherSparse: Map<number, GatherSparseParams>;
  readonly gatherModes: Map<number, GatherModesParams>;
  readonly gatherExpand: Map<number, GatherExpandParams>;
  readonly stateProbe: Map<number, StateProbeParams>;
  readonly tables: Float32Array;
  readonly itables: Int32Array;
}

const DELIVER_WORKGROUPS = 256;
/** Recorded spikes per neuron and second of chunk that the record buffer holds (Hz). */
const RECORD_HEADROOM_HZ = 400;

const isSpikeReceptor = (r: ProjectionSpec['receptor']) => r === 'ampa' || r === 'gaba';
const sections = (p: PopulationSpec) => (p.kind === 'lif' ? LIF_SECTIONS.length : RATE_SECTIONS.length);

export function sectionOffset(pop: PopulationLayout, variable: string): number {
  const names: readonly string[] = pop.spec.kind === 'lif' ? LIF_SECTIONS : RATE_SECTIONS;
  const k = names.indexOf(variable);
  if (k < 0) throw new Error(`population ${pop.spec.id} has no variable ${variable}`);
  return pop.stateBase + k * pop.n;
}

export function layoutNetwork(s: Scenario, maxChunkSteps: number): NetworkLayout {
  const sizes: Record<ArenaName, number> = { state: 0, acc: 0, spikes: 0, record: 0, counts: 0, samples: 0, tables: 0, itables: 0, conn: 0 };
  const alloc = (arena: ArenaName, count: number) => {
    const base = sizes[arena];
    sizes[arena] += count;
    return base;
  };

  const populations = s.populations.map((spec, index): PopulationLayout => {
    const n = spec.n;
    const lif = spec.kind === 'lif';
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
      stateBase: alloc('state', sections(spec) * n),
      accBase: lif ? alloc('acc', 2 * n) : -1,
      spikeBase: lif ? alloc('spikes', SPIKE_HEADER + 2 * n) : -1,
      recordBase: recordLimit > 0 ? alloc('record', RECORD_HEADER + 2 * recordCap) : 0,
      recordLimit, recordCap,
      countsBase: rateProbe ? alloc('counts', countBins * countGroups) : 0,
      countGroupSize, countGroups, countBins, binSteps,
      poissonBase: lif ? alloc('tables', 2 * POISSON_TABLE_SIZE) : -1,
      hasNmdaIn: into('nmda'),
      hasRateIn: into('rate'),
      hasStimulus: s.stimuli.some((st) => st.target === spec.id),
      hasNmdaOut: s.projections.some((pr) => pr.from === spec.id && pr.receptor === 'nmda'),
    };
  });
  const popById = new Map(populations.map((p) => [p.spec.id, p]));

  const written = new Set<string>();
  const projections = s.projections.map((spec, index): ProjectionLayout => {
    const pre = popById.get(spec.from)!;
    const post = popById.get(spec.to)!;
    const c = spec.connectivity;
    const dense = c.kind === 'allToAll';
    const spike = isSpikeReceptor(spec.receptor);
    const route: ProjectionRoute = spike ? (dense ? 'deliverDense' : 'deliverSparse') : dense ? 'gatherDense' : 'gatherSparse';
    const k = c.kind === 'fixedInDegree' ? c.k : c.kind === 'oneToOne' ? 1 : pre.n;
    const ring = c.kind === 'allToAll' && c.profile.kind === 'ring';
    let connBase = 0;
    let tableBase = 0;
    let modeCount = 0, modesBase = 0, trigBase = 0, coefBase = 0;
    if (route === 'deliverSparse') connBase = alloc('conn', pre.n + 1 + post.n * k);
    if (route === 'gatherSparse') connBase = alloc('conn', post.n * k);
    if (route === 'deliverDense') tableBase = alloc('itables', ring ? pre.n : 1);
    if (route === 'gatherDense') {
      modeCount = profileModeCount(spec, pre.n);
      modesBase = alloc('state', 2 * modeCount);
      trigBase = alloc('tables', ring ? 2 * pre.n : 2);
      coefBase = alloc('tables', modeCount);
    }
    const dst = `${spec.to}/${spec.receptor === 'nmda' ? 'nmda' : 'rate'}`;
    const accumulate = !spike && written.has(dst);
    if (!spike) written.add(dst);
    return { spec, index, route, pre, post, connBase, k, tableBase, modeCount, modesBase, trigBase, coefBase, ring, accumulate };
  });

  const stateProbes = s.probes.flatMap((spec): StateProbeLayout[] => {
    if (spec.kind !== 'state') return [];
    const pop = popById.get(spec.population)!;
    const slots = Math.floor((maxChunkSteps - 1) / spec.everySteps) + 1;
    return [{
      spec, pop,
      indexBase: alloc('conn', spec.indices.length),
      samplesBase: alloc('samples', slots * spec.indices.length),
      slots,
    }];
  });

  for (const name of Object.keys(sizes) as ArenaName[]) sizes[name] = Math.max(4, Math.ceil(sizes[name] / 4) * 4);

  const dispatches: Dispatch[] = [];
  projections.forEach((pr, i) => {
    if (pr.route === 'deliverSparse' || pr.route === 'deliverDense') {
      const invocations = pr.route === 'deliverSparse' ? Math.min(DELIVER_WORKGROUPS, pr.pre.n) * 64 : pr.post.n;
      dispatches.push({ kernel: pr.route, target: i, invocations, label: `${pr.route} ${pr.spec.id} (${pr.spec.from}→${pr.spec.to}, ${pr.spec.receptor})` });
    }
  });
  projections.forEach((pr, i) => {
    const what = `${pr.spec.id} (${pr.spec.from}→${pr.spec.to}, ${pr.spec.receptor})`;
    if (pr.route === 'gatherSparse') dispatches.push({ kernel: 'gatherSparse', target: i, invocations: pr.post.n, label: `gatherSparse ${what}` });
    if (pr.route === 'gatherDense') {
      dispatches.push({ kernel: 'gatherModes', target: i, invocations: pr.modeCount * 64, label: `gatherModes ${what}, ${pr.modeCount} Fourier modes` });
      dispatches.push({ kernel: 'gatherExpand', target: i, invocations: pr.post.n, label: `gatherExpand ${what}` });
    }
  });
  populations.forEach((p, i) => {
    dispatches.push({ kernel: p.spec.kind === 'lif' ? 'lifUpdate' : 'rateUpdate', target: i, invocations: p.n, label: `${p.spec.kind}Update ${p.spec.id} (n=${p.n})` });
  });
  stateProbes.forEach((sp, i) => {
    dispatches.push({ kernel: 'stateProbe', target: i, invocations: sp.spec.indices.length, everySteps: sp.spec.everySteps, label: `stateProbe ${sp.spec.id} (${sp.spec.variable}, every ${sp.spec.everySteps} steps)` });
  });

  return {
    dt: s.dt, maxChunkSteps, populations, projections, stateProbes, sizes, dispatches,
    deliverWorkgroups: DELIVER_WORKGROUPS,
  };
}

/** Weight profile of an all-to-all projection by index difference, before the weight (ring) or the single uniform entry 1. */
function profileShape(spec: ProjectionSpec, preN: number): Float64Array {
  const c = spec.connectivity;
  return c.kind === 'allToAll' && c.profile.kind === 'ring' ? ringProfile(preN, c.profile.jPlus, c.profile.sigma) : Float64Array.of(1);
}

/** Fourier modes an all-to-all continuous projection needs; its shape (not its weight) decides, so weight patches stay live. */
function profileModeCount(spec: ProjectionSpec, preN: number): number {
  return circulantModes(profileShape(spec, preN)).length;
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
  const gain = (pr: ProjectionLayout) => (pr.spec.receptor === 'nmda' || pr.spec.receptor === 'gaba' ? d1 : 1);
  const weightOf = (pr: ProjectionLayout) => pr.spec.weight * gain(pr);
  const profiles = layout.projections.map((pr) => profileShape(pr.spec, pr.pre.n).map((j) => j * weightOf(pr)));
  const bound = new Map<string, number>();
  layout.projections.forEach((pr, i) => {
    if (!isSpikeReceptor(pr.spec.receptor)) return;
    const key = `${pr.post.index}/${pr.spec.receptor}`;
    const maxAbs = profiles[i]!.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
    bound.set(key, (bound.get(key) ?? 0) + pr.k * maxAbs);
  });
  const scaleOf = (pop: number, receptor: 'ampa' | 'gaba') => fixedPointScale(bound.get(`${pop}/${receptor}`) ?? 0);

  const lifUpdate = new Map<number, LifUpdateParams>();
  const rateUpdate = new Map<number, RateUpdateParams>();
  for (const pop of layout.populations) {
    const spec = s.populations[pop.index]!;
    if (spec.kind === 'lif') {
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
  const gatherSparse = new Map<number, GatherSparseParams>();
  const gatherModes = new Map<number, GatherModesParams>();
  const gatherExpand = new Map<number, GatherExpandParams>();
  layout.projections.forEach((pr, i) => {
    const post = pr.post;
    const profile = profiles[i]!;
    if (pr.route === 'deliverSparse' || pr.route === 'deliverDense') {
      const receptor = pr.spec.receptor as 'ampa' | 'gaba';
      const scale = scaleOf(post.index, receptor);
      const postAccBase = post.accBase + (receptor === 'gaba' ? post.n : 0);
      if (pr.route === 'deliverSparse') {
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
      tables.set(circulantModes(profile).subarray(0, pr.modeCount), pr.coefBase);
      const trigN = pr.ring ? pr.pre.n : 1;
      gatherModes.set(i, { preN: pr.pre.n, srcBase, modesBase: pr.modesBase, modeCount: pr.modeCount, trigBase: pr.trigBase });
      gatherExpand.set(i, {
        postN: post.n, preN: trigN, dstBase, modesBase: pr.modesBase, modeCount: pr.modeCount, trigBase: pr.trigBase,
        coefBase: pr.coefBase, accumulate: pr.accumulate ? 1 : 0,
      });
    }
  });

  const stateProbe = new Map<number, StateProbeParams>();
  layout.stateProbes.forEach((sp, i) => {
    stateProbe.set(i, {
      count: sp.spec.indices.length, srcBase: sectionOffset(sp.pop, sp.spec.variable),
      indexBase: sp.indexBase, samplesBase: sp.samplesBase, everySteps: sp.spec.everySteps,
    });
  });

  return { lifUpdate, rateUpdate, deliverSparse, deliverDense, gatherSparse, gatherModes, gatherExpand, stateProbe, tables, itables };
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
    if (pr.route !== 'deliverSparse' && pr.route !== 'gatherSparse') continue;
    const c = pr.spec.connectivity;
    const byPost = c.kind === 'fixedInDegree'
      ? fixedInDegree(pr.pre.n, pr.post.n, c.k, s.seed, connectivityStream(pr.index), pr.pre === pr.post && !c.autapses)
      : oneToOne(pr.post.n);
    if (pr.route === 'gatherSparse') {
      conn.set(byPost, pr.connBase);
    } else {
      const csr = toPresynapticCsr(byPost, pr.pre.n, pr.k);
      conn.set(csr.rowStart, pr.connBase);
      conn.set(csr.targets, pr.connBase + pr.pre.n + 1);
    }
  }
  for (const sp of layout.stateProbes) conn.set(sp.spec.indices, sp.indexBase);
  return conn;
}

/** Initial state: LIF membrane potentials uniform in [Vreset, Vth), everything else zero. */
export function initialState(layout: NetworkLayout, s: Scenario): Float32Array {
  const state = new Float32Array(layout.sizes.state);
  for (const pop of layout.populations) {
    const spec = pop.spec;
    if (spec.kind !== 'lif') continue;
    const live = s.populations[pop.index] as LifPopulationSpec;
    for (let i = 0; i < pop.n; i++) {
      const u = rngUniform(s.seed, 0xffffffff, i, (0x40000000 | pop.index) >>> 0);
      state[pop.stateBase + i] = live.Vreset + u * (live.Vth - live.Vreset);
    }
  }
  return state;
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
    if (st.target !== pop.spec.id) continue;
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
    if (pr.route === 'gatherDense') bytesPerStep += 4 * (pr.pre.n + pr.post.n * (1 + (pr.accumulate ? 1 : 0)) + 4 * pr.modeCount);
    // per spike: list entry + row bounds + k targets + k atomic read-modify-writes (dense: one table entry per target)
    const share = spikingNeurons > 0 ? pr.pre.n / spikingNeurons : 0;
    if (pr.route === 'deliverSparse') bytesPerSpike += share * (4 + 8 + pr.k * 12);
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
        ? profileModeCount(p, s.populations.find((q) => q.id === p.from)!.n) : 0]),
    inputs: s.inputs.map((i) => [i.id, i.target, i.receptor]),
    stimuli: s.stimuli.map((st) => [st.id, st.target]),
    probes: s.probes,
  });
}
