/**
 * The only module that imports WGSL (Vite `?raw`; scripts/raw-import.mjs gives
 * Node the same). Step kernels get the common code prepended (step clock,
 * list headers, RNG); phase kernels are functions that src/engine/gpu/phase.ts
 * assembles into one module per phase after PHASE_PRELUDE.
 */
import copyWgsl from '../../../shaders/bench/copy.wgsl?raw';
import arenasWgsl from '../../../shaders/common/arenas.wgsl?raw';
import clockWgsl from '../../../shaders/common/clock.wgsl?raw';
import listsWgsl from '../../../shaders/common/lists.wgsl?raw';
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
import mapGridnessWgsl from '../../../shaders/probe/map-gridness.wgsl?raw';
import mapScoreWgsl from '../../../shaders/probe/map-score.wgsl?raw';
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

import { FUSED_LIMITS, GRIDNESS_NONE } from '../../model/kernel-params';

const stepKernel = (...parts: string[]) => [clockWgsl, listsWgsl, rngWgsl, ...parts].join('\n');

/** One struct declaration of a kernel's source, for a kernel that binds the same parameters in another way. */
function structDeclaration(code: string, name: string): string {
  const found = new RegExp(`struct ${name} \\{[^}]*\\}`).exec(code);
  if (!found) throw new Error(`no struct ${name} in its kernel`);
  return found[0];
}

/** The fused step's slot counts, from the same table as the host's packing. */
const fusedLimits = Object.entries(FUSED_LIMITS).map(([name, value]) => `const ${name} = ${value}u;`).join('\n');

/** What every phase module starts with: the common code and the arenas at their fixed bindings. */
export const PHASE_PRELUDE = stepKernel(arenasWgsl);

/** Each phase kernel's code, its function last (the parts one kernel shares with another appear once in a module). */
export const PHASE_CODE = {
  lifUpdate: [lifNeuronWgsl, lifUpdateWgsl],
  gridUpdate: [gridUpdateWgsl],
  deliverPlastic: [deliverPlasticWgsl],
  traceUpdate: [traceUpdateWgsl],
  plasticityEvents: [plasticityRuleWgsl, plasticityEventsWgsl],
  deliverSparse: [deliverSparseWgsl],
  deliverDense: [deliverDenseWgsl],
  mapAccumulate: [mapAccumulateWgsl],
  gatherModes: [fourierModesWgsl, gatherModesWgsl],
  gatherSparse: [gatherSparseWgsl],
  gatherExpand: [fourierExpandWgsl, gatherExpandWgsl],
  rateUpdate: [rateUpdateWgsl],
  sourceUpdate: [sourceUpdateWgsl],
  placeStimulus: [placeStimulusWgsl],
  plasticity: [plasticityRuleWgsl, plasticityUpdateWgsl],
} as const;

export const SHADERS = {
  sheetInput: stepKernel(sheetInputWgsl),
  gridSheetUpdate: stepKernel(sheetUpdateWgsl),
  stateProbe: stepKernel(stateSampleWgsl, stateProbeWgsl),
  synapseMean: stepKernel(synapseMeanWgsl),
  fusedStep: stepKernel(fusedLimits, lifNeuronWgsl, fourierModesWgsl, fourierExpandWgsl, stateSampleWgsl, structDeclaration(deliverDenseWgsl, 'DeliverDenseParams'), fusedStepWgsl),
  mapStats: stepKernel(mapStatsWgsl),
  mapScore: stepKernel(structDeclaration(mapDecodeWgsl, 'MapDecodeParams'), mapScoreWgsl),
  mapDecode: stepKernel(mapDecodeWgsl),
  mapGridness: stepKernel(`const GRIDNESS_NONE = ${GRIDNESS_NONE.toFixed(1)};`, mapGridnessWgsl),
  weightHistogram: stepKernel(weightHistogramWgsl),
  copy: copyWgsl,
  /** The RNG alone with a test entry point, for the bit-identity test. */
  rng: rngWgsl,
} as const;
