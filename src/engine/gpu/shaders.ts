/**
 * The only module that imports WGSL (Vite `?raw`; scripts/raw-import.mjs gives
 * Node the same). Kernels that use the step clock or the RNG get the common
 * code prepended; batched kernels also the batch's parameter uniform.
 */
import copyWgsl from '../../../shaders/bench/copy.wgsl?raw';
import batchWgsl from '../../../shaders/common/batch.wgsl?raw';
import clockWgsl from '../../../shaders/common/clock.wgsl?raw';
import rngWgsl from '../../../shaders/common/rng.wgsl?raw';
import fusedStepWgsl from '../../../shaders/fused/fused-step.wgsl?raw';
import lifNeuronWgsl from '../../../shaders/lif/lif-neuron.wgsl?raw';
import lifUpdateWgsl from '../../../shaders/lif/lif-update.wgsl?raw';
import deliverPlasticWgsl from '../../../shaders/plasticity/deliver-plastic.wgsl?raw';
import plasticityEventsWgsl from '../../../shaders/plasticity/plasticity-events.wgsl?raw';
import plasticityRuleWgsl from '../../../shaders/plasticity/plasticity-rule.wgsl?raw';
import plasticityUpdateWgsl from '../../../shaders/plasticity/plasticity-update.wgsl?raw';
import traceUpdateWgsl from '../../../shaders/plasticity/trace-update.wgsl?raw';
import mapAccumulateWgsl from '../../../shaders/probe/map-accumulate.wgsl?raw';
import mapDecodeWgsl from '../../../shaders/probe/map-decode.wgsl?raw';
import mapStatsWgsl from '../../../shaders/probe/map-stats.wgsl?raw';
import weightHistogramWgsl from '../../../shaders/probe/weight-histogram.wgsl?raw';
import stateProbeWgsl from '../../../shaders/probe/state-probe.wgsl?raw';
import stateSampleWgsl from '../../../shaders/probe/state-sample.wgsl?raw';
import synapseMeanWgsl from '../../../shaders/probe/synapse-mean.wgsl?raw';
import rateUpdateWgsl from '../../../shaders/rate/rate-update.wgsl?raw';
import sourceUpdateWgsl from '../../../shaders/source/source-update.wgsl?raw';
import deliverDenseWgsl from '../../../shaders/synapse/deliver-dense.wgsl?raw';
import deliverSparseWgsl from '../../../shaders/synapse/deliver-sparse.wgsl?raw';
import fourierExpandWgsl from '../../../shaders/synapse/fourier-expand.wgsl?raw';
import fourierModesWgsl from '../../../shaders/synapse/fourier-modes.wgsl?raw';
import gatherExpandWgsl from '../../../shaders/synapse/gather-expand.wgsl?raw';
import gatherModesWgsl from '../../../shaders/synapse/gather-modes.wgsl?raw';
import gatherSparseWgsl from '../../../shaders/synapse/gather-sparse.wgsl?raw';
import gridUpdateWgsl from '../../../shaders/spatial/grid-update.wgsl?raw';
import placeStimulusWgsl from '../../../shaders/spatial/place-stimulus.wgsl?raw';
import sheetInputWgsl from '../../../shaders/spatial/sheet-input.wgsl?raw';
import sheetUpdateWgsl from '../../../shaders/spatial/sheet-update.wgsl?raw';

import { DELIVER_DENSE_LAYOUT, FUSED_LIMITS, LIF_UPDATE_LAYOUT, MAX_BATCH, type StructLayout, TRACE_UPDATE_LAYOUT } from '../../model/kernel-params';
import { structSize } from './struct';

const stepKernel = (...parts: string[]) => [clockWgsl, rngWgsl, ...parts].join('\n');

/** A step kernel that takes a batch of parameter structs `name` (shaders/common/batch.wgsl), one slot of structSize bytes each. */
const batchedKernel = (name: string, layout: StructLayout, ...parts: string[]) =>
  stepKernel(`const MAX_BATCH = ${MAX_BATCH}u;\nstruct BatchSlot { @size(${structSize(layout)}) q: ${name} }`, batchWgsl, ...parts);

/** One struct declaration of a kernel's source, for a kernel that binds the same parameters in another way. */
function structDeclaration(code: string, name: string): string {
  const found = new RegExp(`struct ${name} \\{[^}]*\\}`).exec(code);
  if (!found) throw new Error(`no struct ${name} in its kernel`);
  return found[0];
}

/** The fused step's slot counts, from the same table as the host's packing. */
const fusedLimits = Object.entries(FUSED_LIMITS).map(([name, value]) => `const ${name} = ${value}u;`).join('\n');

export const SHADERS = {
  lifUpdate: batchedKernel('LifUpdateParams', LIF_UPDATE_LAYOUT, lifNeuronWgsl, lifUpdateWgsl),
  rateUpdate: stepKernel(rateUpdateWgsl),
  sourceUpdate: stepKernel(sourceUpdateWgsl),
  gridUpdate: stepKernel(gridUpdateWgsl),
  placeStimulus: stepKernel(placeStimulusWgsl),
  sheetInput: stepKernel(sheetInputWgsl),
  gridSheetUpdate: stepKernel(sheetUpdateWgsl),
  deliverPlastic: stepKernel(deliverPlasticWgsl),
  traceUpdate: batchedKernel('TraceUpdateParams', TRACE_UPDATE_LAYOUT, traceUpdateWgsl),
  plasticity: stepKernel(plasticityRuleWgsl, plasticityUpdateWgsl),
  plasticityEvents: stepKernel(plasticityRuleWgsl, plasticityEventsWgsl),
  deliverSparse: stepKernel(deliverSparseWgsl),
  deliverDense: batchedKernel('DeliverDenseParams', DELIVER_DENSE_LAYOUT, deliverDenseWgsl),
  gatherSparse: stepKernel(gatherSparseWgsl),
  gatherModes: stepKernel(fourierModesWgsl, gatherModesWgsl),
  gatherExpand: stepKernel(fourierExpandWgsl, gatherExpandWgsl),
  stateProbe: stepKernel(stateSampleWgsl, stateProbeWgsl),
  synapseMean: stepKernel(synapseMeanWgsl),
  fusedStep: stepKernel(fusedLimits, lifNeuronWgsl, fourierModesWgsl, fourierExpandWgsl, stateSampleWgsl, structDeclaration(deliverDenseWgsl, 'DeliverDenseParams'), fusedStepWgsl),
  mapAccumulate: stepKernel(mapAccumulateWgsl),
  mapStats: stepKernel(mapStatsWgsl),
  mapDecode: stepKernel(mapDecodeWgsl),
  weightHistogram: stepKernel(weightHistogramWgsl),
  copy: copyWgsl,
  /** The RNG alone with a test entry point, for the bit-identity test. */
  rng: rngWgsl,
} as const;
