/**
 * One entry per kernel: its parameter struct and the arenas it uses, and
 * either its own WGSL module (`shader`: the arenas at group 1, bindings 1…
 * after the parameter uniform at 0, in the order its WGSL header declares
 * them; `passes`: its entry points, dispatched in order, `main` if none) or
 * its WGSL function for phases (`phase`: src/engine/gpu/phase.ts
 * assembles one module per phase; the arenas at their fixed bindings,
 * shaders/common/arenas.wgsl). src/engine/gpu/gpu-backend.ts builds pipelines
 * and bind groups from these entries.
 */
import {
  type ArenaName, DELIVER_DENSE_LAYOUT, DELIVER_PLASTIC_LAYOUT, DELIVER_SPARSE_LAYOUT, GATHER_EXPAND_LAYOUT, GATHER_MODES_LAYOUT,
  GATHER_SPARSE_LAYOUT, GRID_SHEET_UPDATE_LAYOUT, GRID_UPDATE_LAYOUT, LIF_UPDATE_LAYOUT, MAP_ACCUMULATE_LAYOUT, MAP_DECODE_LAYOUT, MAP_GRIDNESS_LAYOUT, MAP_STATS_LAYOUT, WEIGHT_HISTOGRAM_LAYOUT, PLACE_STIMULUS_LAYOUT, PLASTICITY_LAYOUT, RATE_UPDATE_LAYOUT, SHEET_INPUT_LAYOUT, SOURCE_UPDATE_LAYOUT, STATE_PROBE_LAYOUT, type StructLayout,
  SYNAPSE_MEAN_LAYOUT, TRACE_UPDATE_LAYOUT,
} from '../../model/kernel-params';
import { activeDispatches, dispatchPhases, type KernelName, type KernelParams, type NetworkLayout } from '../plan';
import { PHASE_CODE, SHADERS } from './shaders';

/** A phase kernel's WGSL: `fn <fn>(p: <struct>, wg: u32, wgs: u32, lid: u32)`, last of its parts. */
export interface PhaseFunction {
  readonly fn: string;
  readonly struct: string;
  readonly parts: readonly string[];
}

export type KernelSpec = { readonly params: StructLayout; readonly arenas: readonly ArenaName[] } & ({ readonly shader: string; readonly passes?: readonly string[] } | { readonly phase: PhaseFunction });

/** A phase kernel's function and parameter struct, as its last part declares them. */
function phaseKernel(parts: readonly string[]): PhaseFunction {
  const found = /fn (\w+)\(p: (\w+), wg: u32, wgs: u32, lid: u32\)/.exec(parts.at(-1)!);
  if (!found) throw new Error('a phase kernel ends with fn <name>(p: <Params>, wg: u32, wgs: u32, lid: u32)');
  return { fn: found[1]!, struct: found[2]!, parts };
}

/** Arenas kernels only read. */
export const READ_ONLY_ARENAS: ReadonlySet<ArenaName> = new Set(['tables', 'itables', 'conn']);

export const KERNELS: Readonly<Record<KernelName, KernelSpec>> = {
  lifUpdate: { phase: phaseKernel(PHASE_CODE.lifUpdate), params: LIF_UPDATE_LAYOUT, arenas: ['state', 'acc', 'spikes', 'tables', 'record', 'counts'] },
  rateUpdate: { phase: phaseKernel(PHASE_CODE.rateUpdate), params: RATE_UPDATE_LAYOUT, arenas: ['state'] },
  sourceUpdate: { phase: phaseKernel(PHASE_CODE.sourceUpdate), params: SOURCE_UPDATE_LAYOUT, arenas: ['spikes', 'record', 'counts'] },
  gridUpdate: { phase: phaseKernel(PHASE_CODE.gridUpdate), params: GRID_UPDATE_LAYOUT, arenas: ['tables', 'spikes', 'record', 'counts'] },
  placeStimulus: { phase: phaseKernel(PHASE_CODE.placeStimulus), params: PLACE_STIMULUS_LAYOUT, arenas: ['state', 'tables'] },
  sheetInput: { shader: SHADERS.sheetInput, passes: ['forwardRows', 'convolveColumns', 'inverseRows'], params: SHEET_INPUT_LAYOUT, arenas: ['state', 'tables'] },
  gridSheetUpdate: { shader: SHADERS.gridSheetUpdate, params: GRID_SHEET_UPDATE_LAYOUT, arenas: ['state', 'tables'] },
  deliverPlastic: { phase: phaseKernel(PHASE_CODE.deliverPlastic), params: DELIVER_PLASTIC_LAYOUT, arenas: ['spikes', 'conn', 'syn', 'acc'] },
  traceUpdate: { phase: phaseKernel(PHASE_CODE.traceUpdate), params: TRACE_UPDATE_LAYOUT, arenas: ['state', 'acc', 'spikes'] },
  plasticity: { phase: phaseKernel(PHASE_CODE.plasticity), params: PLASTICITY_LAYOUT, arenas: ['state', 'conn', 'syn', 'acc'] },
  // the same parameters as the sweep; a fixed grid of workgroups over the postsynaptic spike list
  plasticityEvents: { phase: phaseKernel(PHASE_CODE.plasticityEvents), params: PLASTICITY_LAYOUT, arenas: ['state', 'spikes', 'syn'] },
  deliverSparse: { phase: phaseKernel(PHASE_CODE.deliverSparse), params: DELIVER_SPARSE_LAYOUT, arenas: ['spikes', 'conn', 'acc'] },
  deliverDense: { phase: phaseKernel(PHASE_CODE.deliverDense), params: DELIVER_DENSE_LAYOUT, arenas: ['spikes', 'itables', 'acc'] },
  gatherSparse: { phase: phaseKernel(PHASE_CODE.gatherSparse), params: GATHER_SPARSE_LAYOUT, arenas: ['state', 'conn'] },
  gatherModes: { phase: phaseKernel(PHASE_CODE.gatherModes), params: GATHER_MODES_LAYOUT, arenas: ['state', 'tables'] },
  gatherExpand: { phase: phaseKernel(PHASE_CODE.gatherExpand), params: GATHER_EXPAND_LAYOUT, arenas: ['state', 'tables'] },
  stateProbe: { shader: SHADERS.stateProbe, params: STATE_PROBE_LAYOUT, arenas: ['state', 'conn', 'samples'] },
  // the state probe's shader, bound to the syn arena
  synapseProbe: { shader: SHADERS.stateProbe, params: STATE_PROBE_LAYOUT, arenas: ['syn', 'conn', 'samples'] },
  synapseMean: { shader: SHADERS.synapseMean, params: SYNAPSE_MEAN_LAYOUT, arenas: ['syn', 'samples'] },
  mapAccumulate: { phase: phaseKernel(PHASE_CODE.mapAccumulate), params: MAP_ACCUMULATE_LAYOUT, arenas: ['state', 'tables', 'spikes'] },
  mapStats: { shader: SHADERS.mapStats, params: MAP_STATS_LAYOUT, arenas: ['state', 'samples'] },
  // the decoder's parameters; one workgroup per bin
  mapScore: { shader: SHADERS.mapScore, params: MAP_DECODE_LAYOUT, arenas: ['state'] },
  mapDecode: { shader: SHADERS.mapDecode, params: MAP_DECODE_LAYOUT, arenas: ['state', 'conn', 'samples'] },
  // one workgroup per (cell, row of lags); the score pass in each cell's first
  mapGridness: { shader: SHADERS.mapGridness, passes: ['autocorrelogram', 'score'], params: MAP_GRIDNESS_LAYOUT, arenas: ['state', 'samples'] },
  weightHistogram: { shader: SHADERS.weightHistogram, params: WEIGHT_HISTOGRAM_LAYOUT, arenas: ['syn', 'counts'] },
};

/** A kernel's dispatches in a row: the entry points of a kernel with passes, else one. */
export function kernelPasses(kernel: KernelName): readonly string[] {
  const spec = KERNELS[kernel];
  return 'shader' in spec && spec.passes ? spec.passes : ['main'];
}

/**
 * Dispatches the GPU encodes at every step under these parameters: the phases
 * (dispatchPhases) that are not probes sampled every few steps, each kernel with
 * passes counted once per pass.
 */
export function dispatchesPerStep(layout: NetworkLayout, params: KernelParams): number {
  let count = 0;
  for (const members of dispatchPhases(layout, activeDispatches(layout, params))) {
    const d = layout.dispatches[members[0]!]!;
    if (!('everySteps' in d) || d.everySteps === 1) count += kernelPasses(d.kernel).length;
  }
  return count;
}
