/**
 * The only module that imports WGSL (Vite `?raw`; scripts/raw-import.mjs gives
 * Node the same). Kernels that use the step clock or the RNG get the common
 * code prepended.
 */
import copyWgsl from '../../../shaders/bench/copy.wgsl?raw';
import clockWgsl from '../../../shaders/common/clock.wgsl?raw';
import rngWgsl from '../../../shaders/common/rng.wgsl?raw';
import lifUpdateWgsl from '../../../shaders/lif/lif-update.wgsl?raw';
import deliverPlasticWgsl from '../../../shaders/plasticity/deliver-plastic.wgsl?raw';
import plasticityUpdateWgsl from '../../../shaders/plasticity/plasticity-update.wgsl?raw';
import traceDecayWgsl from '../../../shaders/plasticity/trace-decay.wgsl?raw';
import traceSpikeWgsl from '../../../shaders/plasticity/trace-spike.wgsl?raw';
import mapAccumulateWgsl from '../../../shaders/probe/map-accumulate.wgsl?raw';
import mapDecodeWgsl from '../../../shaders/probe/map-decode.wgsl?raw';
import mapStatsWgsl from '../../../shaders/probe/map-stats.wgsl?raw';
import weightHistogramWgsl from '../../../shaders/probe/weight-histogram.wgsl?raw';
import stateProbeWgsl from '../../../shaders/probe/state-probe.wgsl?raw';
import synapseMeanWgsl from '../../../shaders/probe/synapse-mean.wgsl?raw';
import rateUpdateWgsl from '../../../shaders/rate/rate-update.wgsl?raw';
import sourceUpdateWgsl from '../../../shaders/source/source-update.wgsl?raw';
import deliverDenseWgsl from '../../../shaders/synapse/deliver-dense.wgsl?raw';
import deliverSparseWgsl from '../../../shaders/synapse/deliver-sparse.wgsl?raw';
import gatherExpandWgsl from '../../../shaders/synapse/gather-expand.wgsl?raw';
import gatherModesWgsl from '../../../shaders/synapse/gather-modes.wgsl?raw';
import gatherSparseWgsl from '../../../shaders/synapse/gather-sparse.wgsl?raw';
import gridUpdateWgsl from '../../../shaders/spatial/grid-update.wgsl?raw';
import sheetInputWgsl from '../../../shaders/spatial/sheet-input.wgsl?raw';
import sheetUpdateWgsl from '../../../shaders/spatial/sheet-update.wgsl?raw';

const stepKernel = (body: string) => `${clockWgsl}\n${rngWgsl}\n${body}`;

export const SHADERS = {
  lifUpdate: stepKernel(lifUpdateWgsl),
  rateUpdate: stepKernel(rateUpdateWgsl),
  sourceUpdate: stepKernel(sourceUpdateWgsl),
  gridUpdate: stepKernel(gridUpdateWgsl),
  sheetInput: stepKernel(sheetInputWgsl),
  gridSheetUpdate: stepKernel(sheetUpdateWgsl),
  deliverPlastic: stepKernel(deliverPlasticWgsl),
  traceDecay: stepKernel(traceDecayWgsl),
  traceSpike: stepKernel(traceSpikeWgsl),
  plasticity: stepKernel(plasticityUpdateWgsl),
  deliverSparse: stepKernel(deliverSparseWgsl),
  deliverDense: stepKernel(deliverDenseWgsl),
  gatherSparse: stepKernel(gatherSparseWgsl),
  gatherModes: stepKernel(gatherModesWgsl),
  gatherExpand: stepKernel(gatherExpandWgsl),
  stateProbe: stepKernel(stateProbeWgsl),
  synapseMean: stepKernel(synapseMeanWgsl),
  mapAccumulate: stepKernel(mapAccumulateWgsl),
  mapStats: stepKernel(mapStatsWgsl),
  mapDecode: stepKernel(mapDecodeWgsl),
  weightHistogram: stepKernel(weightHistogramWgsl),
  copy: copyWgsl,
  /** The RNG alone with a test entry point, for the bit-identity test. */
  rng: rngWgsl,
} as const;
