/**
 * CPU backend: runs the step's dispatch list with the reference kernels of
 * src/model/kernels on typed arrays laid out like the GPU buffers. The test
 * oracle for the GPU, and the fallback where a browser has no WebGPU.
 */
import { lifUpdate } from '../../model/kernels/lif-update';
import { rateUpdate } from '../../model/kernels/rate-update';
import { deliverPlastic, plasticityEvents, plasticityUpdate, traceUpdate } from '../../model/kernels/plasticity';
import { sourceUpdate } from '../../model/kernels/source-update';
import { gridUpdate } from '../../model/kernels/grid-update';
import { placeStimulus } from '../../model/kernels/place-stimulus';
import { gridSheetUpdate, sheetInput } from '../../model/kernels/grid-sheet';
import { deliverDense, deliverSparse, gatherExpand, gatherModes, gatherSparse, stateProbe, synapseMean } from '../../model/kernels/synapses';
import { mapAccumulate, mapDecode, mapGridness, mapScore, mapStats, weightHistogram } from '../../model/kernels/rate-map';
import type { Arenas, DeliverPlasticParams, MapAccumulateParams, MapStatsParams, WeightHistogramParams } from '../../model/kernel-params';
import type { Backend, Readout } from '../backend';
import { wasmKernels } from './wasm-kernels';
import { activeDispatches, type KernelParams, type NetworkLayout, type PopulationLayout, PROBE_KERNELS, SLOW_KERNELS, stimulusBase } from '../plan';

/** The arenas of a layout: those given (the WebAssembly kernel's), the others new. */
export function allocateArenas(layout: NetworkLayout, given: Partial<Arenas> = {}): Arenas {
  const z = layout.sizes;
  return {
    state: given.state ?? new Float32Array(z.state), acc: given.acc ?? new Int32Array(z.acc), spikes: given.spikes ?? new Uint32Array(z.spikes),
    record: given.record ?? new Uint32Array(z.record), counts: given.counts ?? new Uint32Array(z.counts),
    samples: given.samples ?? new Float32Array(z.samples), tables: given.tables ?? new Float32Array(z.tables),
    itables: given.itables ?? new Int32Array(z.itables), conn: given.conn ?? new Uint32Array(z.conn), syn: given.syn ?? new Float32Array(z.syn),
  };
}

/** The kernels with a WebAssembly form (wasm-kernels.ts): the TypeScript references or those. */
export interface SwappableKernels {
  lifUpdate: typeof lifUpdate;
  gridUpdate: typeof gridUpdate;
  traceUpdate: typeof traceUpdate;
  deliverPlastic: (p: DeliverPlasticParams, a: Arenas, step: number) => void;
  weightHistogram: (p: WeightHistogramParams, a: Arenas, step: number, baseStep: number) => void;
  sheetInput: typeof sheetInput;
  gridSheetUpdate: typeof gridSheetUpdate;
  mapAccumulate: (p: MapAccumulateParams, a: Arenas, step: number, baseStep: number) => void;
  mapStats: (p: MapStatsParams, a: Arenas, step: number, baseStep: number) => void;
}

const TYPESCRIPT_KERNELS: SwappableKernels = { lifUpdate, gridUpdate, traceUpdate, deliverPlastic, weightHistogram, sheetInput, gridSheetUpdate, mapAccumulate, mapStats };

/** Runs one dispatch of the step plan on the CPU arenas. */
export function runDispatch(layout: NetworkLayout, params: KernelParams, a: Arenas, index: number, step: number, baseStep: number, kernels = TYPESCRIPT_KERNELS): void {
  const d = layout.dispatches[index]!;
  switch (d.kernel) {
    case 'lifUpdate': return kernels.lifUpdate(params.lifUpdate.get(d.target)!, a, step, baseStep);
    case 'rateUpdate': return rateUpdate(params.rateUpdate.get(d.target)!, a, step);
    case 'sourceUpdate': return sourceUpdate(params.sourceUpdate.get(d.target)!, a, step, baseStep);
    case 'gridUpdate': return kernels.gridUpdate(params.gridUpdate.get(d.target)!, a, step, baseStep);
    case 'placeStimulus': return placeStimulus(params.placeStimulus.get(d.target)!, a, step, baseStep);
    case 'sheetInput': return kernels.sheetInput(params.sheetInput.get(d.target)!, a);
    case 'gridSheetUpdate': return kernels.gridSheetUpdate(params.gridSheetUpdate.get(d.target)!, a, step, baseStep);
    case 'deliverPlastic': return kernels.deliverPlastic(params.deliverPlastic.get(d.target)!, a, step);
    case 'traceUpdate': return kernels.traceUpdate(params.traceUpdate.get(d.target)!, a, step);
    case 'plasticity': return plasticityUpdate(params.plasticity.get(d.target)!, a, step);
    case 'plasticityEvents': return plasticityEvents(params.plasticityEvents.get(d.target)!, a, step);
    case 'synapseProbe': return stateProbe(params.synapseProbe.get(d.target)!, { ...a, state: a.syn }, step, baseStep);
    case 'synapseMean': return synapseMean(params.synapseMean.get(d.target)!, a, step, baseStep);
    case 'deliverSparse': return deliverSparse(params.deliverSparse.get(d.target)!, a, step);
    case 'deliverDense': return deliverDense(params.deliverDense.get(d.target)!, a, step);
    case 'gatherSparse': return gatherSparse(params.gatherSparse.get(d.target)!, a);
    case 'gatherModes': return gatherModes(params.gatherModes.get(d.target)!, a);
    case 'gatherExpand': return gatherExpand(params.gatherExpand.get(d.target)!, a);
    case 'stateProbe': return stateProbe(params.stateProbe.get(d.target)!, a, step, baseStep);
    case 'mapAccumulate': return kernels.mapAccumulate(params.mapAccumulate.get(d.target)!, a, step, baseStep);
    case 'mapStats': return kernels.mapStats(params.mapStats.get(d.target)!, a, step, baseStep);
    case 'mapScore': return mapScore(params.mapScore.get(d.target)!, a, step);
    case 'mapDecode': return mapDecode(params.mapDecode.get(d.target)!, a, step, baseStep);
    case 'mapGridness': return mapGridness(params.mapGridness.get(d.target)!, a, step, baseStep);
    case 'weightHistogram': return kernels.weightHistogram(params.weightHistogram.get(d.target)!, a, step, baseStep);
  }
}

export class CpuBackend implements Backend {
  readonly kind = 'cpu';
  readonly adapter: string;
  private readonly a: Arenas;
  private readonly kernels: SwappableKernels;
  private params: KernelParams | undefined;
  /** which dispatches run under the current parameters (activeDispatches) */
  private active: readonly boolean[] = [];

  /** wasm: false runs the TypeScript kernels (the references of the WebAssembly ones) */
  constructor(private readonly layout: NetworkLayout, options: { wasm?: boolean } = {}) {
    const wasm = options.wasm === false ? undefined : wasmKernels(layout);
    this.a = allocateArenas(layout, wasm?.arenas);
    this.kernels = wasm ?? TYPESCRIPT_KERNELS;
    // the WebAssembly kernels this network runs, for the adapter's name
    const runs = (kernel: keyof SwappableKernels) => layout.dispatches.some((d) => d.kernel === kernel);
    const inWasm = wasm ? [runs('lifUpdate') && 'LIF', runs('gridUpdate') && 'spatial cells', runs('traceUpdate') && 'traces', runs('deliverPlastic') && 'plastic delivery', runs('sheetInput') && 'grid sheet', runs('mapAccumulate') && 'rate maps'].filter(Boolean) : [];
    const listed = inWasm.length > 1 ? `${inWasm.slice(0, -1).join(', ')} and ${inWasm.at(-1)}` : inWasm[0];
    this.adapter = listed ? `cpu reference kernels, ${listed} in WebAssembly SIMD` : 'cpu reference kernels';
  }

  writeParams(params: KernelParams): void {
    this.params = params;
    this.active = activeDispatches(this.layout, params);
    this.a.tables.set(params.tables);
    this.a.itables.set(params.itables);
  }

  writeState(state: Float32Array): void {
    this.a.state.set(state);
    this.a.acc.fill(0);
    this.a.spikes.fill(0);
    this.a.record.fill(0);
    this.a.counts.fill(0);
  }

  writeConnectivity(conn: Uint32Array): void {
    this.a.conn.set(conn);
  }

  writeSynapses(syn: Float32Array): void {
    this.a.syn.set(syn);
  }

  writeStimulus(pop: PopulationLayout, values: Float32Array): void {
    this.a.state.set(values, stimulusBase(pop));
  }

  writeAgentPath(path: Float32Array): void {
    this.a.tables.set(path, this.layout.agentPathBase);
  }

  async runChunk(baseStep: number, steps: number): Promise<Readout> {
    const params = this.params!;
    const count = this.layout.dispatches.length;
    for (let step = baseStep; step < baseStep + steps; step++) {
      for (let d = 0; d < count; d++) if (this.active[d]) runDispatch(this.layout, params, this.a, d, step, baseStep, this.kernels);
    }
    return this.readout();
  }

  async runSlowChunk(steps: number): Promise<Readout> {
    const params = this.params!;
    const { dispatches } = this.layout;
    // nothing spikes in a quiet period (and nothing in a slow step writes the lists): traceUpdate finds them empty
    this.a.spikes.fill(0);
    for (let step = 0; step < steps; step++) {
      dispatches.forEach((d, k) => SLOW_KERNELS.has(d.kernel) && this.active[k] && runDispatch(this.layout, params, this.a, k, step, 0, this.kernels));
    }
    dispatches.forEach((d, k) => PROBE_KERNELS.has(d.kernel) && runDispatch(this.layout, params, this.a, k, 0, 0, this.kernels));
    return this.readout();
  }

  /** Probe outputs of the chunk, which then start empty for the next. */
  private readout(): Readout {
    const readout = { record: this.a.record.slice(), counts: this.a.counts.slice(), samples: this.a.samples.slice() };
    this.a.record.fill(0);
    this.a.counts.fill(0);
    return readout;
  }

  async readArenas(): Promise<Arenas> {
    return structuredClone(this.a);
  }

  dispose(): void {}
}
