/** What the simulation loop needs from a backend: buffers, uploads and chunked execution. */
import type { Arenas } from '../model/kernel-params';
import type { KernelParams, PopulationLayout } from './plan';
import type { BackendKind } from './types';

/** Probe outputs of one chunk, in arena layout (see src/model/kernel-params.ts). */
export interface Readout {
  readonly record: Uint32Array;
  readonly counts: Uint32Array;
  readonly samples: Float32Array;
}

export interface Backend {
  readonly kind: BackendKind;
  readonly adapter: string;
  /** How the GPU executes the step when it departs from the dispatch list (the fused step); undefined otherwise. */
  readonly execution?: string | undefined;
  writeParams(params: KernelParams): void;
  /** Replaces the neuron state and clears accumulators, spike lists and probe outputs. */
  writeState(state: Float32Array): void;
  writeConnectivity(conn: Uint32Array): void;
  /** Per-synapse variables of plastic projections (initial efficacies). */
  writeSynapses(syn: Float32Array): void;
  /** External current section of one population. */
  writeStimulus(pop: PopulationLayout, values: Float32Array): void;
  /** The agent's positions (x, y per step) for the next chunk, at layout.agentPathBase in tables. */
  writeAgentPath(path: Float32Array): void;
  /**
   * Chunks the simulation loop may have started with runChunk and not yet
   * read back (1, the default: each chunk is awaited before the next starts).
   * Above 1 the backend must start a chunk's device work in the call itself,
   * in call order, from the writes made before the call (queue order, as
   * WebGPU's queue.writeBuffer and submit are), and resolve the chunks in order.
   */
  readonly chunksInFlight?: number;
  /**
   * Runs steps [baseStep, baseStep + steps) and reads back their probe outputs.
   * Writes made after the call (parameters, stimuli, agent path, state) do
   * not reach this chunk, only later ones.
   */
  runChunk(baseStep: number, steps: number): Promise<Readout>;
  /**
   * Fast-forward: runs `steps` slow steps of the SLOW_KERNELS only (parameters
   * written for the slow step), then the probes once into sample slot 0, and
   * clears the spike lists (no spike crosses a quiet period).
   */
  runSlowChunk(steps: number): Promise<Readout>;
  /**
   * Runs once the simulation has loaded the scenario, before its first chunk,
   * and leaves the arenas as they were: the GPU backend times its fused and
   * unfused step here where its fuse option leaves the choice to the device.
   */
  prepare?(): Promise<void>;
  /** A copy of every arena, for tests and state export (waits for the device). */
  readArenas(): Promise<Arenas>;
  dispose(): void;
}
