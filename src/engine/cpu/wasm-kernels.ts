/**
 * The CPU backend's WebAssembly SIMD kernels, each embedded in a generated
 * module under src/model/kernels/ by scripts/build-wasm.mjs, each giving the
 * same bits as its TypeScript reference:
 * - lifUpdate (wasm/lif-update.ts; src/model/kernels/lif-update.ts), two
 *   neurons per f64x2 vector;
 * - gridUpdate (wasm/grid-update.ts; src/model/kernels/grid-update.ts): feed-forward
 *   grid and place cells, four cells per f32x4 vector;
 * - deliverPlastic's dense rows (wasm/deliver.ts; deliverDenseRow in
 *   src/model/kernels/plasticity.ts), four synapses per vector;
 * - weightHistogram's counting (wasm/synapse-probes.ts; countWeights in
 *   src/model/kernels/rate-map.ts), four synapses per vector;
 * - traceUpdate's decay (wasm/traces.ts; traceDecay in src/model/kernels/plasticity.ts),
 *   two neurons per f64x2 vector, for sides without delayed calcium or a protein pool;
 * - sheetInput and gridSheetUpdate (wasm/grid-sheet.ts; src/model/kernels/grid-sheet.ts):
 *   the grid sheet's FFT convolution, two columns of each butterfly per f64x2
 *   vector, and its rate update without noise, four neurons per f32x4 vector
 *   (with noise, the TypeScript kernel draws it);
 * - mapAccumulate's rate-population loop and mapStats's statistics of a block
 *   of cells (wasm/rate-map.ts; accumulateRates and mapBlock in
 *   src/model/kernels/rate-map.ts), four cells per f32x4 vector where a loop
 *   runs over cells.
 * The arenas these kernels read and write live in one shared memory, so they
 * work in place; the others stay ordinary typed arrays. The memory also holds
 * the sheet transforms' work buffers and twiddles, and mapStats's block
 * arrays. Where WebAssembly SIMD or the memory is not available, wasmKernels
 * returns undefined and the backend runs the JavaScript kernels.
 */
import type {
  Arenas, ArenaName, DeliverPlasticParams, GridSheetUpdateParams, GridUpdateParams, LifUpdateParams, MapAccumulateParams, MapStatsParams,
  SheetInputParams, TraceUpdateParams, WeightHistogramParams,
} from '../../model/kernel-params';
import { RECORD_HEADER, SPIKE_HEADER } from '../../model/kernel-params';
// the generated modules (scripts/build-wasm.mjs)
import { LIF_UPDATE_WASM } from '../../model/kernels/lif-update-wasm';
import { GRID_UPDATE_WASM } from '../../model/kernels/grid-update-wasm';
import { TRACES_WASM } from '../../model/kernels/traces-wasm';
import { DELIVER_WASM } from '../../model/kernels/deliver-wasm';
import { SYNAPSE_PROBES_WASM } from '../../model/kernels/synapse-probes-wasm';
import { GRID_SHEET_WASM } from '../../model/kernels/grid-sheet-wasm';
import { RATE_MAP_WASM } from '../../model/kernels/rate-map-wasm';
// the TypeScript references' host-side parts
import { beginLifStep } from '../../model/kernels/lif-update';
import { beginGridStep } from '../../model/kernels/grid-update';
import { type DenseRowDelivery, deliverPlastic as deliverPlasticTs, traceDecay as traceDecayTs, traceSpikes } from '../../model/kernels/plasticity';
import {
  BLOCK, mapAccumulate as mapAccumulateTs, type MapStatsKernel, mapStats as mapStatsTs, type RateAccumulator, type WeightCounter,
  weightHistogram as weightHistogramTs,
} from '../../model/kernels/rate-map';
import { gridSheetUpdate as gridSheetUpdateTs, sheetDrive } from '../../model/kernels/grid-sheet';
import { Fft } from '../../model/fft';
import { POISSON_TABLE_SIZE } from '../../model/rng';
import { MAX_HISTOGRAM_BINS } from '../../scenario/schema';
import type { NetworkLayout } from '../plan';

/** The exports of wasm/lif-update.ts (pointers are byte offsets into the memory). */
interface LifExports {
  poissonCounts(out: number, n: number, cdf: number, stepKey: number, stream: number): void;
  lifUpdate(...args: number[]): void;
}

/** The exports of wasm/grid-update.ts. */
interface GridUpdateExports {
  gridUpdate(...args: number[]): void;
}

/** The exports of wasm/traces.ts. */
interface TraceExports {
  traceDecay(...args: number[]): void;
}

/** The exports of wasm/deliver.ts. */
interface DeliverExports {
  deliverRow(acc: number, syn: number, count: number, scale: number): void;
}

/** The exports of wasm/synapse-probes.ts. */
interface SynapseProbeExports {
  countWeights(syn: number, count: number, lo: number, scale: number, bins: number, counts: number, laneCounts: number): void;
}

/** The exports of wasm/grid-sheet.ts. */
interface SheetExports {
  sheetInput(...args: number[]): void;
  sheetUpdate(...args: number[]): void;
}

/** The exports of wasm/rate-map.ts. */
interface RateMapExports {
  accumulateRates(...args: number[]): void;
  mapBlock(...args: number[]): void;
}

/** Arenas the kernels touch, in the modules' memory. */
const WASM_ARENAS = ['state', 'acc', 'spikes', 'record', 'counts', 'tables', 'syn'] as const satisfies readonly ArenaName[];
const PAGE_BYTES = 65536;
/** wasm32's limit */
const MAX_PAGES = 65536;

const compiled = new Map<string, WebAssembly.Module | null>();
/** A compiled module, or null where this runtime cannot compile it (no WebAssembly SIMD). */
function compile(base64: string): WebAssembly.Module | null {
  let module = compiled.get(base64);
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    } catch {
      module = null;
    }
    compiled.set(base64, module);
  }
  return module;
}

export type WasmArenas = Pick<Arenas, (typeof WASM_ARENAS)[number]>;

export interface WasmKernels {
  /** the arenas of WASM_ARENAS, as views of the modules' memory */
  arenas: WasmArenas;
  lifUpdate(p: LifUpdateParams, a: Arenas, step: number, baseStep: number): void;
  gridUpdate(p: GridUpdateParams, a: Arenas, step: number, baseStep: number): void;
  traceUpdate(p: TraceUpdateParams, a: Arenas, step: number): void;
  deliverPlastic(p: DeliverPlasticParams, a: Arenas, step: number): void;
  weightHistogram(p: WeightHistogramParams, a: Arenas, step: number, baseStep: number): void;
  sheetInput(p: SheetInputParams, a: Arenas): void;
  gridSheetUpdate(p: GridSheetUpdateParams, a: Arenas, step: number, baseStep: number): void;
  mapAccumulate(p: MapAccumulateParams, a: Arenas, step: number, baseStep: number): void;
  mapStats(p: MapStatsParams, a: Arenas, step: number, baseStep: number): void;
}

/** Byte offsets of one sheet side's work buffers (wasm/grid-sheet.ts) in the memory. */
interface SheetWorkspace {
  re: number; im: number; outRe: number; outIm: number; pairRe: number; pairIm: number; cos: number; sin: number; rev: number;
}

export function wasmKernels(layout: NetworkLayout): WasmKernels | undefined {
  const modules = [LIF_UPDATE_WASM, GRID_UPDATE_WASM, TRACES_WASM, DELIVER_WASM, SYNAPSE_PROBES_WASM, GRID_SHEET_WASM, RATE_MAP_WASM].map(compile);
  if (modules.some((m) => !m)) return undefined;
  const [lifModule, gridModule, traceModule, deliverModule, synapseProbeModule, sheetModule, mapModule] = modules;
  const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;
  let bytes = 0;
  const reserve = (size: number) => {
    const at = bytes;
    bytes += align16(size);
    return at;
  };
  const offsets = new Map<ArenaName, number>();
  for (const name of WASM_ARENAS) offsets.set(name, reserve(layout.sizes[name] * 4));
  // the Poisson counts of the largest population, whole vectors of 4 (poissonCounts writes ceil(n/4)·4)
  const countsBytes = 4 * Math.max(0, ...layout.populations.map((p) => p.n));
  const ampaCounts = reserve(countsBytes), gabaCounts = reserve(countsBytes);
  // one workspace per sheet side: half spectra side·(side/2 + 1), row pairs side²/2 (f64)
  const sides = new Set(layout.populations.flatMap((p) => (p.spec.kind === 'gridSheet' ? [p.spec.side] : [])));
  const workspaceOffsets = new Map<number, SheetWorkspace>();
  for (const side of sides) {
    const half = 8 * side * (side / 2 + 1), pairs = 8 * (side * side) / 2;
    workspaceOffsets.set(side, {
      re: reserve(half), im: reserve(half), outRe: reserve(half), outIm: reserve(half), pairRe: reserve(pairs), pairIm: reserve(pairs),
      cos: reserve(4 * side), sin: reserve(4 * side), rev: reserve(4 * side),
    });
  }
  // mapStats's block (rate-map.ts MapStatsBlock): eight arrays of BLOCK cells and the masks of the largest map
  const blockAt = reserve(8 * 4 * BLOCK);
  const maskAt = reserve(BLOCK * Math.max(0, ...layout.rateMaps.map((rm) => rm.nx * rm.ny)));
  // countWeights's four lane copies of a histogram (and a NaN slot each)
  const laneCountsAt = reserve(4 * 4 * (MAX_HISTOGRAM_BINS + 1));
  const pages = Math.ceil(bytes / PAGE_BYTES);
  if (pages > MAX_PAGES) return undefined;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return undefined; // RangeError: this runtime cannot give that much
  }
  // every module imports the one memory (and the LIF step the host's exp)
  const instance = <T>(module: WebAssembly.Module | null | undefined, imports: WebAssembly.ModuleImports = {}) =>
    new WebAssembly.Instance(module!, { env: { memory, ...imports } }).exports as unknown as T;
  const lif = instance<LifExports>(lifModule, { exp: Math.exp });
  const grid = instance<GridUpdateExports>(gridModule);
  const traces = instance<TraceExports>(traceModule);
  const deliver = instance<DeliverExports>(deliverModule);
  const synapseProbes = instance<SynapseProbeExports>(synapseProbeModule);
  const sheet = instance<SheetExports>(sheetModule);
  const maps = instance<RateMapExports>(mapModule);
  // the host's twiddles and bit reversal (Fft), so both kernels use the same bits
  for (const [side, w] of workspaceOffsets) {
    const fft = new Fft(side);
    new Float64Array(memory.buffer, w.cos, side / 2).set(fft.cos);
    new Float64Array(memory.buffer, w.sin, side / 2).set(fft.sin);
    new Uint32Array(memory.buffer, w.rev, side).set(fft.rev);
  }
  const f32 = (name: 'state' | 'tables' | 'syn') => new Float32Array(memory.buffer, offsets.get(name)!, layout.sizes[name]);
  const u32 = (name: 'spikes' | 'record' | 'counts') => new Uint32Array(memory.buffer, offsets.get(name)!, layout.sizes[name]);
  const arenas: WasmArenas = {
    state: f32('state'), tables: f32('tables'), syn: f32('syn'), spikes: u32('spikes'), record: u32('record'), counts: u32('counts'),
    acc: new Int32Array(memory.buffer, offsets.get('acc')!, layout.sizes.acc),
  };
  const at = (array: { byteOffset: number }, index: number) => array.byteOffset + 4 * index;

  function lifUpdate(p: LifUpdateParams, a: Arenas, step: number, baseStep: number): void {
    const { parity, countsBin, key, decayNmdaIdle } = beginLifStep(p, a, step, baseStep);
    if (p.poissonAmpa) lif.poissonCounts(ampaCounts, p.n, at(a.tables, p.poissonBase), key, p.streamBase);
    if (p.poissonGaba) lif.poissonCounts(gabaCounts, p.n, at(a.tables, p.poissonBase + POISSON_TABLE_SIZE), key, p.streamBase + 1);
    lif.lifUpdate(
      p.n, at(a.state, p.stateBase), at(a.acc, p.accBase), ampaCounts, gabaCounts,
      at(a.spikes, p.spikeBase + parity), at(a.spikes, p.spikeBase + SPIKE_HEADER + parity * p.n),
      at(a.record, p.recordBase), at(a.record, p.recordBase + RECORD_HEADER), p.recordLimit, p.recordCap,
      at(a.counts, countsBin), p.countGroupSize, step - baseStep,
      p.poissonAmpa, p.poissonGaba, p.hasNmdaIn, p.hasRateIn, p.hasStimulus, p.hasNmdaOut, p.adaptOn, p.conductance,
      p.decayAmpa, p.decayGaba, p.invScaleAmpa, p.invScaleGaba, p.wPoissonAmpa, p.wPoissonGaba,
      p.gL, p.EL, p.Vth, p.Vreset, p.Eampa, p.Egaba, p.Enmda, p.mgFactor, p.iBias,
      p.dt, p.invC, p.refSteps, p.nmdaDecayRate, p.alphaNmda, p.decayNmdaRise, decayNmdaIdle,
      p.decayAdapt, p.adaptIncrement, p.EK,
    );
  }

  function gridUpdate(p: GridUpdateParams, a: Arenas, step: number, baseStep: number): void {
    const { parity, countsBin, key, x, y } = beginGridStep(p, a, step, baseStep);
    grid.gridUpdate(
      p.n, p.gaussian, at(a.tables, p.tableBase), x, y, p.offset, p.pScale, key, p.streamBase,
      at(a.spikes, p.spikeBase + parity), at(a.spikes, p.spikeBase + SPIKE_HEADER + parity * p.n),
      at(a.record, p.recordBase), at(a.record, p.recordBase + RECORD_HEADER), p.recordLimit, p.recordCap,
      at(a.counts, countsBin), p.countGroupSize, step - baseStep,
    );
  }

  function traceUpdate(p: TraceUpdateParams, a: Arenas, step: number): void {
    if (p.protein !== 0 || p.delaySteps > 0) traceDecayTs(p, a);
    else traces.traceDecay(p.n, at(a.state, p.traceBase), p.decay1, p.decay2, p.decayCa, p.rateKeep, p.thetaRate, p.invY0);
    traceSpikes(p, a, step);
  }

  const denseRow: DenseRowDelivery = (acc, post, syn, w, count, scale) => deliver.deliverRow(at(acc, post), at(syn, w), count, scale);
  function deliverPlastic(p: DeliverPlasticParams, a: Arenas, step: number): void {
    deliverPlasticTs(p, a, step, denseRow);
  }

  const countWeights: WeightCounter = (syn, start, count, lo, scale, bins, counts, out) =>
    synapseProbes.countWeights(at(syn, start), count, lo, scale, bins, at(counts, out), laneCountsAt);
  function weightHistogram(p: WeightHistogramParams, a: Arenas, step: number, baseStep: number): void {
    weightHistogramTs(p, a, step, baseStep, countWeights);
  }

  function sheetInput(p: SheetInputParams, a: Arenas): void {
    const w = workspaceOffsets.get(p.side)!;
    sheet.sheetInput(
      p.side, at(a.state, p.srcBase), at(a.state, p.dstBase), at(a.tables, p.tableBase),
      w.re, w.im, w.outRe, w.outIm, w.pairRe, w.pairIm, w.cos, w.sin, w.rev,
    );
  }

  function gridSheetUpdate(p: GridSheetUpdateParams, a: Arenas, step: number, baseStep: number): void {
    if (p.noiseOn) return gridSheetUpdateTs(p, a, step, baseStep);
    const { drive, gain, decay } = sheetDrive(p, a, step, baseStep);
    sheet.sheetUpdate(p.n, p.side, at(a.state, p.stateBase), ...drive, gain, decay);
  }

  const cellsAt = (k: number) => blockAt + 4 * BLOCK * k;
  // the eight per-cell arrays' offsets, in mapBlock's argument order
  const blockArrays = [0, 1, 2, 3, 4, 5, 6, 7].map(cellsAt);
  const mapKernel: MapStatsKernel = {
    block: (bins) => {
      const f32 = (k: number) => new Float32Array(memory.buffer, cellsAt(k), BLOCK);
      return {
        events: f32(0), peak: f32(1), live: new Uint32Array(memory.buffer, cellsAt(2), BLOCK), mean: f32(3), limit: f32(4), info: f32(5),
        fields: new Int32Array(memory.buffer, cellsAt(6), BLOCK), above: new Int32Array(memory.buffer, cellsAt(7), BLOCK),
        mask: new Uint8Array(memory.buffer, maskAt, BLOCK * bins),
      };
    },
    run: (st, map, n, cells, occ, nx, ny, time, threshold) =>
      maps.mapBlock(at(st, map), n, cells, at(st, occ), nx, ny, time, threshold, ...blockArrays, maskAt),
  };
  function mapStats(p: MapStatsParams, a: Arenas, step: number, baseStep: number): void {
    mapStatsTs(p, a, step, baseStep, mapKernel);
  }
  const accumulateRates: RateAccumulator = (st, rates, window, row, n, dt) =>
    maps.accumulateRates(at(st, rates), at(st, window), at(st, Math.max(0, row)), row >= 0 ? 1 : 0, n, dt);
  function mapAccumulate(p: MapAccumulateParams, a: Arenas, step: number, baseStep: number): void {
    mapAccumulateTs(p, a, step, baseStep, accumulateRates);
  }
  return { arenas, lifUpdate, gridUpdate, traceUpdate, deliverPlastic, weightHistogram, sheetInput, gridSheetUpdate, mapAccumulate, mapStats };
}
