/**
 * The simulation loop shared by both backends: chunking (many steps per
 * submit, split where stimuli switch), parameter patches, reset, and decoding
 * of chunk readouts into time-stamped probe frames.
 */
import { RECORD_HEADER } from '../model/kernel-params';
import { ScenarioError } from '../scenario/errors';
import { applyPatch } from '../scenario/patch';
import type { Scenario } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { AgentDriver } from './agent-driver';
import type { Backend, Readout } from './backend';
import { StructuralChangeError } from './errors';
import {
  buildConnectivity, initialState, initialSynapses, type KernelParams, kernelParams, quietIntervals, slowStride, type StateProbeLayout, type NetworkLayout, stimulusCurrent, stimulusEvents, structureKey, trafficModel,
} from './plan';
import type { AgentDrive, AgentFrame, BackendKind, BumpFrame, Engine, FrameListener, ParamPatch, ProbeFrame, RateFrame, SpikeFrame, StateFrame } from './types';

/** Slow steps per fast-forward chunk: the time-lapse samples its probes once per chunk. */
const SLOW_CHUNK = 60;

interface PendingBin {
  bin: number;
  counts: Float64Array;
}

/** A chunk submitted to the backend and not yet decoded. */
interface InFlight {
  readonly readout: Promise<Readout>;
  readonly base: number;
  readonly steps: number;
  readonly path: Float32Array | undefined;
}

export class Simulation implements Engine {
  private current: Scenario;
  private steps = 0;
  private chunkLimit: number;
  private events: number[];
  /** fast-forwardable quiet periods [from, to) in steps (scenario fastForward) */
  private quiet: [number, number][];
  /** kernel parameters of the current scenario, and (lazily) at the fast-forward step: derived once per apply or reset */
  private params!: KernelParams;
  private slowParams: KernelParams | undefined;
  private stimulusDirty = true;
  /** the scenario's agent, stepped on the host; its positions are uploaded once per chunk */
  private agent: AgentDriver | undefined;
  private readonly listeners = new Set<FrameListener>();
  private readonly pendingBins = new Map<string, PendingBin>();
  private disposed = false;
  /** bumped by reset: a step() in flight across a reset stops instead of mixing runs */
  private generation = 0;
  lastStepSeconds = 0;
  readonly traffic: { bytesPerStep: number; bytesPerSpike: number };

  constructor(scenario: Scenario, private readonly layout: NetworkLayout, private readonly impl: Backend) {
    this.current = scenario;
    this.chunkLimit = layout.maxChunkSteps;
    this.events = stimulusEvents(scenario);
    this.quiet = quietIntervals(scenario);
    this.traffic = trafficModel(layout);
    this.load();
  }

  get backend(): BackendKind {
    return this.impl.kind;
  }
  get scenario(): Scenario {
    return this.current;
  }
  get stepIndex(): number {
    return this.steps;
  }
  get time(): number {
    return this.steps * this.current.dt;
  }
  get adapter(): string {
    return this.impl.adapter;
  }

  /**
   * Runs n steps in chunks. Up to impl.chunksInFlight chunks are submitted
   * ahead of the one being decoded (on the GPU: the next chunk is encoded
   * while the GPU runs this one); chunks are decoded and their frames
   * delivered in order. A chunk's stimuli, boundaries and agent path are
   * settled when it is submitted, so an apply(), drive() or chunk-size change
   * (spike-record overflow) made while chunks are in flight takes effect from
   * the next chunk submitted, not from the ones already in flight. A
   * fast-forward waits for the chunks in flight. After reset() or dispose()
   * the step stops once the chunk it awaits is back, waits for the others,
   * and returns the frames delivered before.
   */
  async step(n: number): Promise<ProbeFrame[]> {
    if (this.disposed) throw new Error('engine disposed');
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`step count must be a whole number ≥ 0, got ${n}`);
    const frames: ProbeFrame[] = [];
    const started = performance.now();
    const generation = this.generation;
    const stopped = () => generation !== this.generation || this.disposed;
    const emit = (chunkFrames: ProbeFrame[]) => {
      for (const f of chunkFrames) {
        frames.push(f);
        for (const l of this.listeners) l(f);
      }
    };
    const depth = Math.max(1, this.impl.chunksInFlight ?? 1);
    const inFlight: InFlight[] = [];
    /** steps submitted: this.steps counts the steps decoded */
    let submitted = this.steps;
    let remaining = n;
    try {
      while (remaining > 0 || inFlight.length > 0) {
        if (stopped()) break; // a listener reset or disposed the engine
        if (remaining > 0 && inFlight.length < depth && !(inFlight.length > 0 && this.slowSteps(submitted) >= 1)) {
          if (inFlight.length === 0) {
            const forwarded = await this.fastForward();
            if (stopped()) break;
            if (forwarded) {
              emit(forwarded.frames);
              remaining -= forwarded.steps;
              submitted = this.steps;
              continue;
            }
          }
          const chunk = this.submitChunk(submitted, remaining);
          inFlight.push(chunk);
          submitted += chunk.steps;
          remaining -= chunk.steps;
          continue;
        }
        const chunk = inFlight[0]!;
        const readout = await chunk.readout;
        inFlight.shift();
        if (stopped()) break;
        const chunkFrames = this.decode(readout, chunk.base, chunk.steps, chunk.path);
        this.steps = chunk.base + chunk.steps;
        emit(chunkFrames);
      }
    } catch (err) {
      if (!this.disposed) throw err;
    } finally {
      // chunks left in flight by a reset, a dispose or an error: their readouts are not used
      await Promise.allSettled(inFlight.map((c) => c.readout));
    }
    this.lastStepSeconds = (performance.now() - started) / 1000;
    return frames;
  }

  /** Writes the stimuli and agent path of the chunk from step `base` (at most `remaining` steps, ending at the next stimulus event or quiet period) and submits it. */
  private submitChunk(base: number, remaining: number): InFlight {
    if (this.stimulusDirty || this.events.includes(base)) this.writeStimuli(base);
    const boundaries = [...this.events, ...this.quiet.map((q) => q[0])];
    const next = Math.min(...boundaries.filter((e) => e > base));
    const steps = Math.min(remaining, this.chunkLimit, next - base);
    const path = this.agent?.advance(base, steps);
    if (path) this.impl.writeAgentPath(this.layout.agentVelocityBase >= 0 ? this.withVelocities(path) : path);
    const readout = this.impl.runChunk(base, steps);
    // read in order by step(); a failure of a later chunk surfaces there, or is dropped with it
    readout.catch(() => undefined);
    return { readout, base, steps, path };
  }

  apply(patch: ParamPatch): void {
    const next = parseScenario(applyPatch(this.current, patch));
    if (structureKey(next) !== structureKey(this.current)) throw new StructuralChangeError(Object.keys(patch).join(', '));
    this.current = next;
    this.events = stimulusEvents(next);
    this.quiet = quietIntervals(next);
    this.stimulusDirty = true;
    if (next.agent) this.agent?.setParams(next.agent);
    this.writeParams();
  }

  reset(seed?: number): void {
    if (seed !== undefined) {
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new ScenarioError('seed', 'must be a whole number in 0..4294967295');
      this.current = { ...this.current, seed };
    }
    this.generation++;
    this.steps = 0;
    this.chunkLimit = this.layout.maxChunkSteps;
    this.pendingBins.clear();
    this.stimulusDirty = true;
    this.load();
  }

  /**
   * Inside a quiet period with at least one slow step left: advances the slow
   * variables only, by SLOW_CHUNK slow steps (fewer where the period ends),
   * however few steps were asked for, and samples the state and synapse probes
   * once at the end: one time-lapse frame.
   */
  private async fastForward(): Promise<{ steps: number; frames: ProbeFrame[] } | undefined> {
    const count = this.slowSteps(this.steps);
    if (count < 1) return undefined;
    const slow = slowStride(this.current);
    this.slowParams ??= kernelParams(this.layout, { ...this.current, dt: slow * this.current.dt });
    this.impl.writeParams(this.slowParams);
    const generation = this.generation;
    const readout = await this.impl.runSlowChunk(count);
    // a reset meanwhile has written its own parameters; a dispose has no device left
    if (generation !== this.generation || this.disposed) return undefined;
    this.impl.writeParams(this.params);
    this.steps += count * slow;
    this.pendingBins.clear();
    // one time array per frame: the worker transfers each frame's buffers
    const frames = this.layout.stateProbes.map((sp) =>
      stateFrame(sp, Float64Array.of(this.steps * this.current.dt), [readout.samples.slice(sp.samplesBase, sp.samplesBase + sp.width)]));
    return { steps: count * slow, frames };
  }

  /** Slow steps a fast-forward from step `at` would run (0: none, the step is not in a quiet period or too close to its end). */
  private slowSteps(at: number): number {
    const q = this.quiet.find(([from, to]) => at >= from && at < to);
    if (!this.current.fastForward || !q) return 0;
    return Math.min(Math.floor((q[1] - at) / slowStride(this.current)), SLOW_CHUNK, this.layout.maxChunkSteps);
  }

  private writeParams(): void {
    this.params = kernelParams(this.layout, this.current);
    this.slowParams = undefined;
    this.impl.writeParams(this.params);
  }

  /** The chunk's positions, then (at agentVelocityBase) its velocities, for grid sheets: one upload at agentPathBase. */
  private withVelocities(path: Float32Array): Float32Array {
    const offset = this.layout.agentVelocityBase - this.layout.agentPathBase;
    const out = new Float32Array(offset + path.length);
    out.set(path);
    out.set(this.agent!.lastVelocities, offset);
    return out;
  }

  /** Parameters, connectivity, neuron and synapse state of the current scenario, from its seed. */
  private load(): void {
    this.writeParams();
    this.impl.writeConnectivity(buildConnectivity(this.layout, this.current));
    this.impl.writeState(initialState(this.layout, this.current));
    this.impl.writeSynapses(initialSynapses(this.layout, this.current));
    this.agent = this.current.agent ? new AgentDriver(this.current.agent, this.current.seed, this.current.dt) : undefined;
  }

  drive(drive: AgentDrive | null): void {
    this.agent?.drive(drive);
  }

  subscribe(listener: FrameListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  describePlan(): string[] {
    const lines = this.layout.dispatches.map((d, k) => `${k + 1}. ${d.label}`);
    return this.impl.execution ? [...lines, this.impl.execution] : lines;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.impl.dispose();
  }

  private writeStimuli(at: number): void {
    for (const pop of this.layout.populations) {
      if (pop.hasStimulus) this.impl.writeStimulus(pop, stimulusCurrent(pop, this.current, at));
    }
    this.stimulusDirty = false;
  }

  private decode(r: Readout, base: number, steps: number, path: Float32Array | undefined): ProbeFrame[] {
    const dt = this.current.dt;
    const frames: ProbeFrame[] = [];
    for (const probe of this.current.probes) {
      if (probe.kind === 'agent') {
        if (path) frames.push(agentFrame(probe.id, path, base, steps, probe.everySteps, dt));
      } else if (probe.kind === 'spikes') {
        const pop = this.layout.populations.find((p) => p.spec.id === probe.population)!;
        frames.push(this.decodeSpikes(r, pop.recordBase, pop.recordCap, probe.id, probe.population, base, dt));
      } else if (probe.kind === 'rate') {
        const frame = this.decodeRates(r, probe.id, probe.population, base, steps, dt);
        if (frame.t.length > 0) frames.push(frame);
        for (const bump of this.current.probes) {
          if (bump.kind === 'bump' && bump.source === probe.id && frame.t.length > 0) frames.push(populationVector(bump.id, frame, this.layout.populations.find((p) => p.spec.id === probe.population)!.n));
        }
      } else if (probe.kind === 'state' || probe.kind === 'synapse' || probe.kind === 'synapseMean' || probe.kind === 'sheet') {
        const sp = this.layout.stateProbes.find((x) => x.spec.id === probe.id)!;
        const { t, values } = slotSamples(r.samples, sp.samplesBase, sp.width, probe.everySteps, base, steps, dt);
        frames.push(stateFrame(sp, t, values));
      } else if (probe.kind === 'weightHistogram') {
        const h = this.layout.histograms.find((x) => x.spec.id === probe.id)!;
        const { t, values } = slotSamples(r.counts, h.countsBase, probe.bins, probe.everySteps, base, steps, dt);
        frames.push({ probe: probe.id, kind: 'histogram', projection: probe.projection, variable: probe.variable, min: probe.min, max: probe.max, t, values });
      } else if (probe.kind === 'rateMap') {
        const rm = this.layout.rateMaps.find((x) => x.spec.id === probe.id)!;
        const { t, values } = slotSamples(r.samples, rm.samplesBase, rm.stride, probe.everySteps, base, steps, dt);
        frames.push({ probe: probe.id, kind: 'rateMap', population: probe.population, n: rm.pop.n, nx: rm.nx, ny: rm.ny, width: rm.width, height: rm.height, cells: probe.cells, t, values });
      }
    }
    return frames;
  }

  private decodeSpikes(r: Readout, recordBase: number, cap: number, probe: string, population: string, base: number, dt: number): SpikeFrame {
    const total = r.record[recordBase]!;
    const stored = Math.min(total, cap);
    if (total > cap) this.chunkLimit = Math.max(1, Math.floor(this.chunkLimit / 2));
    const order = new Array<number>(stored);
    for (let k = 0; k < stored; k++) order[k] = k;
    const pairs = r.record.subarray(recordBase + RECORD_HEADER, recordBase + RECORD_HEADER + 2 * stored);
    order.sort((a, b) => pairs[2 * a]! - pairs[2 * b]! || pairs[2 * a + 1]! - pairs[2 * b + 1]!);
    const t = new Float64Array(stored);
    const i = new Uint32Array(stored);
    order.forEach((k, m) => {
      t[m] = (base + pairs[2 * k]! + 1) * dt;
      i[m] = pairs[2 * k + 1]!;
    });
    return { probe, kind: 'spikes', population, t, i, dropped: total - stored };
  }

  private decodeRates(r: Readout, probe: string, population: string, base: number, steps: number, dt: number): RateFrame {
    const pop = this.layout.populations.find((p) => p.spec.id === population)!;
    const { binSteps, countGroups: groups, countGroupSize: size, countsBase } = pop;
    const binSeconds = binSteps * dt;
    const firstBin = Math.floor(base / binSteps);
    const lastBin = Math.floor((base + steps - 1) / binSteps);
    const t: number[] = [];
    const values: Float32Array[] = [];
    // a group's cells × the bin's duration (s)
    const exposure = Float64Array.from({ length: groups }, (_, g) => Math.min(size, pop.n - g * size) * binSeconds);
    for (let bin = firstBin; bin <= lastBin; bin++) {
      const offset = countsBase + (bin - firstBin) * groups;
      const pending = this.pendingBins.get(probe);
      // counts of this bin carried over from the previous chunk, if it began there
      const carried = pending && pending.bin === bin ? pending.counts : undefined;
      if ((bin + 1) * binSteps <= base + steps) {
        this.pendingBins.delete(probe);
        t.push(bin * binSeconds);
        const rates = new Float32Array(groups);
        if (carried) for (let g = 0; g < groups; g++) rates[g] = (carried[g]! + r.counts[offset + g]!) / exposure[g]!;
        else for (let g = 0; g < groups; g++) rates[g] = r.counts[offset + g]! / exposure[g]!;
        values.push(rates);
      } else {
        const acc = carried ?? new Float64Array(groups);
        for (let g = 0; g < groups; g++) acc[g]! += r.counts[offset + g]!;
        this.pendingBins.set(probe, { bin, counts: acc });
      }
    }
    return { probe, kind: 'rate', population, binSeconds, groupSize: size, t: Float64Array.from(t), values };
  }
}

/** A chunk's samples of a probe that writes `width` values every `every` steps from samplesBase (in samples or counts): t at the end of each sampled step (s). */
function slotSamples(samples: Float32Array | Uint32Array, samplesBase: number, width: number, every: number, base: number, steps: number, dt: number) {
  const first = Math.ceil(base / every);
  const count = Math.floor((base + steps - 1) / every) - first + 1;
  const t = new Float64Array(count);
  const values: Float32Array[] = [];
  for (let m = 0; m < count; m++) {
    t[m] = ((first + m) * every + 1) * dt;
    values.push(Float32Array.from(samples.subarray(samplesBase + m * width, samplesBase + (m + 1) * width)));
  }
  return { t, values };
}

/** Samples of a state, synapse or synapseMean probe (whose indices are its group numbers), or of a sheet probe (no indices: the whole sheet, row-major). */
function stateFrame(sp: StateProbeLayout, t: Float64Array, values: Float32Array[]): StateFrame {
  const probe = sp.spec;
  if (probe.kind === 'sheet') return { probe: probe.id, kind: 'state', population: probe.population, variable: 'r', indices: [], t, values };
  const owner = probe.kind === 'state' ? probe.population : probe.projection;
  const indices = probe.kind === 'synapseMean' ? Array.from({ length: sp.width }, (_, g) => g) : probe.indices;
  return { probe: probe.id, kind: 'state', population: owner, variable: probe.variable, indices, t, values };
}

/** The agent's positions after the steps base + k that are multiples of every (as state probes sample), t = (step + 1) dt. */
function agentFrame(probe: string, path: Float32Array, base: number, steps: number, every: number, dt: number): AgentFrame {
  const first = Math.ceil(base / every);
  const count = Math.max(0, Math.floor((base + steps - 1) / every) - first + 1);
  const t = new Float64Array(count), x = new Float32Array(count), y = new Float32Array(count);
  for (let m = 0; m < count; m++) {
    const step = (first + m) * every;
    t[m] = (step + 1) * dt;
    x[m] = path[2 * (step - base)]!;
    y[m] = path[2 * (step - base) + 1]!;
  }
  return { probe, kind: 'agent', t, x, y };
}

/** Population vector of a ring population's group rates in each bin (Georgopoulos-style readout on the ring). */
export function populationVector(probe: string, rates: RateFrame, n: number): BumpFrame {
  const gs = rates.groupSize;
  const groups = rates.values[0]?.length ?? 0;
  const theta = Array.from({ length: groups }, (_, g) => {
    const last = Math.min(n, (g + 1) * gs) - 1;
    return (2 * Math.PI * ((g * gs + last) / 2)) / n;
  });
  const angle = new Float32Array(rates.t.length);
  const amplitude = new Float32Array(rates.t.length);
  rates.values.forEach((row, b) => {
    let x = 0, y = 0;
    row.forEach((hz, g) => {
      x += hz * Math.cos(theta[g]!);
      y += hz * Math.sin(theta[g]!);
    });
    angle[b] = ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
    amplitude[b] = Math.hypot(x, y) / groups;
  });
  return { probe, kind: 'bump', population: rates.population, t: rates.t.slice(), angle, amplitude };
}
