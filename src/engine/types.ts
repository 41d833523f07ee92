/**
 * The engine's public API: the only surface src/ui and src/cli use.
 * Both backends (gpu/ WebGPU, cpu/ reference kernels) implement Engine.
 */
import type { Scenario } from '../scenario/schema';

export type BackendKind = 'gpu' | 'cpu';

/** Spikes recorded during one chunk; t is the end of the step in which V crossed threshold (s). */
export interface SpikeFrame {
  readonly probe: string;
  readonly kind: 'spikes';
  readonly population: string;
  readonly t: Float64Array;
  readonly i: Uint32Array;
  /** spikes that did not fit the record buffer in this chunk (0 when nothing was lost) */
  readonly dropped: number;
}

/** Firing rates in completed bins; t is each bin's start (s), values[bin][group] in Hz. */
export interface RateFrame {
  readonly probe: string;
  readonly kind: 'rate';
  readonly population: string;
  readonly binSeconds: number;
  readonly groupSize: number;
  readonly t: Float64Array;
  readonly values: Float32Array[];
}

/** Sampled state variables; values[sample][k] for neuron indices[k], t at the end of the sampled step (s). */
/** Samples of a state probe, or of a synapse probe (population: the plastic projection's id). */
export interface StateFrame {
  readonly probe: string;
  readonly kind: 'state';
  readonly population: string;
  readonly variable: string;
  readonly indices: readonly number[];
  readonly t: Float64Array;
  readonly values: Float32Array[];
}

/**
 * Population-vector readout of a ring population per rate bin: angle (degrees,
 * 0–360, cell i sits at 360° i / n) and amplitude, the length of the mean of
 * the group rates as vectors on the ring (Hz); t is each bin's start (s).
 */
export interface BumpFrame {
  readonly probe: string;
  readonly kind: 'bump';
  readonly population: string;
  readonly t: Float64Array;
  readonly angle: Float32Array;
  readonly amplitude: Float32Array;
}

/** The agent's position (m) after each sampled step; t at the end of the step (s), like spike times. */
export interface AgentFrame {
  readonly probe: string;
  readonly kind: 'agent';
  readonly t: Float64Array;
  readonly x: Float32Array;
  readonly y: Float32Array;
}

/**
 * Readouts of a rateMap probe (t at the end of each readout step, s): each
 * value is one readout as the GPU wrote it (rateMapOffsets(n, cells, nx·ny).stride
 * floats); rateMapReadout (src/engine/rate-map-frame.ts) names its parts.
 */
export interface RateMapFrame {
  readonly probe: string;
  readonly kind: 'rateMap';
  readonly population: string;
  readonly n: number;
  readonly nx: number;
  readonly ny: number;
  /** the binned area (m): nx·binSize × ny·binSize */
  readonly width: number;
  readonly height: number;
  readonly cells: readonly number[];
  readonly t: Float64Array;
  readonly values: Float32Array[];
}

/** Histograms of a plastic projection's w or z: synapses per bin of [min, max) (outside: the end bins), t at the end of each sampled step (s). */
export interface HistogramFrame {
  readonly probe: string;
  readonly kind: 'histogram';
  readonly projection: string;
  readonly variable: 'w' | 'z';
  readonly min: number;
  readonly max: number;
  readonly t: Float64Array;
  readonly values: Float32Array[];
}

export type ProbeFrame = SpikeFrame | RateFrame | StateFrame | BumpFrame | AgentFrame | RateMapFrame | HistogramFrame;
export type FrameListener = (frame: ProbeFrame) => void;

/**
 * The agent moved from the page: at a velocity (m/s; arrow keys), or towards a
 * target (m) at up to maxSpeed (m/s; a mouse drag). It stops at walls.
 */
export type AgentDrive =
  | { readonly kind: 'velocity'; readonly vx: number; readonly vy: number }
  | { readonly kind: 'target'; readonly x: number; readonly y: number; readonly maxSpeed: number };

/** A parameter patch: dotted scenario paths (array elements by id) → values. */
export type ParamPatch = Readonly<Record<string, number>>;

export interface EngineOptions {
  /** 'auto' uses the GPU when an adapter is found, else the CPU. */
  readonly backend?: BackendKind | 'auto';
  /** The WebGPU entry point: navigator.gpu in a browser, Dawn's create() in Node. */
  readonly gpu?: GPU;
  /** Most steps encoded into one command buffer (and one readback). Default 1000. */
  readonly maxStepsPerChunk?: number;
  /**
   * GPU: whether a small network's steps run through the fused
   * single-workgroup kernel, where the network qualifies (see
   * src/engine/fused-plan.ts). 'auto', the default: on a hardware adapter the
   * engine times both forms when it is built and keeps the faster (a
   * single-workgroup step runs on one compute unit, which a small GPU may make
   * slower than the dispatches), on a software adapter it runs unfused;
   * 'measure': times both on any adapter; 'always': fused, and throws when the
   * network does not qualify; 'never'.
   */
  readonly fuse?: FuseOption;
  /** GPU, fused: steps per dispatch (default 100). */
  readonly stepsPerDispatch?: number;
  /**
   * GPU: chunks a step() may have submitted ahead of the one it reads back
   * (default 2: the next chunk is encoded while the GPU runs this one; 1: one
   * chunk at a time). The CPU backend runs one chunk at a time.
   */
  readonly chunksInFlight?: number;
}

export type FuseOption = 'auto' | 'measure' | 'always' | 'never';

export interface Engine {
  readonly backend: BackendKind;
  /** Human-readable adapter description ("cpu reference" for the CPU backend). */
  readonly adapter: string;
  /** The scenario as currently applied (patches included). */
  readonly scenario: Scenario;
  /** Steps taken since the last reset. */
  readonly stepIndex: number;
  /** Simulated time since the last reset (s). */
  readonly time: number;
  /** Wall time the last step() took inside the engine (s): its own cost, without the caller's delays. */
  readonly lastStepSeconds: number;
  /**
   * Advance n steps; resolves when their probe frames have been read back and
   * emitted. In a fast-forwarded quiet period (scenario fastForward) a request
   * advances at least one time-lapse frame (many slow steps), so time may
   * advance further than asked.
   */
  step(n: number): Promise<ProbeFrame[]>;
  /** Change parameters without rebuilding; throws StructuralChangeError if the patch needs a rebuild. */
  apply(patch: ParamPatch): void;
  /** Back to t = 0 with fresh initial state (and connectivity) from the given or current seed. */
  reset(seed?: number): void;
  /**
   * Moves the scenario's agent from the page, from the next chunk on (a run
   * driven this way depends on when the drive came); null gives it back its
   * own motion (random, or its recorded path). Reset ends a drive. Does
   * nothing without an agent section; throws RangeError for non-finite numbers.
   */
  drive(drive: AgentDrive | null): void;
  /** Receive every probe frame as it is read back; returns an unsubscribe function. */
  subscribe(listener: FrameListener): () => void;
  /**
   * Memory traffic the step's kernels need (bytes): for a step with no spikes,
   * and per presynaptic spike delivered. The benchmark divides by time for
   * effective bandwidth.
   */
  readonly traffic: { readonly bytesPerStep: number; readonly bytesPerSpike: number };
  /** The ordered kernel plan of one step, one line per dispatch. */
  describePlan(): string[];
  dispose(): void;
}
