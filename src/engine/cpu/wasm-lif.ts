/**
 * The CPU backend's LIF step in WebAssembly SIMD (wasm/lif-update.ts, embedded
 * in src/model/kernels/lif-update-wasm.ts by scripts/build-wasm.mjs): the same
 * bits as lifUpdate (src/model/kernels/lif-update.ts), two neurons per f64x2
 * vector. The arenas that kernel reads and writes live in the module's memory,
 * so it works in place; the others stay ordinary typed arrays.
 * Where WebAssembly SIMD or the memory is not available, wasmLif returns
 * undefined and the backend runs the JavaScript kernel.
 */
import type { Arenas, ArenaName, LifUpdateParams } from '../../model/kernel-params';
import { RECORD_HEADER, SPIKE_HEADER } from '../../model/kernel-params';
import { beginLifStep } from '../../model/kernels/lif-update';
import { LIF_UPDATE_WASM } from '../../model/kernels/lif-update-wasm';
import { POISSON_TABLE_SIZE } from '../../model/rng';
import type { NetworkLayout } from '../plan';

/** The exports of wasm/lif-update.ts (pointers are byte offsets into the memory). */
interface LifExports {
  poissonCounts(out: number, n: number, cdf: number, stepKey: number, stream: number): void;
  lifUpdate(...args: number[]): void;
}

/** Arenas the kernel touches, in the module's memory. */
const WASM_ARENAS = ['state', 'acc', 'spikes', 'record', 'counts', 'tables'] as const satisfies readonly ArenaName[];
const PAGE_BYTES = 65536;
/** wasm32's limit */
const MAX_PAGES = 65536;

let compiled: WebAssembly.Module | null | undefined;
/** The compiled module, or null where this runtime cannot compile it (no WebAssembly SIMD). */
function lifModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = Uint8Array.from(atob(LIF_UPDATE_WASM), (c) => c.charCodeAt(0));
      compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export type WasmArenas = Pick<Arenas, (typeof WASM_ARENAS)[number]>;

export interface WasmLif {
  /** the arenas of WASM_ARENAS, as views of the module's memory */
  arenas: WasmArenas;
  lifUpdate(p: LifUpdateParams, a: Arenas, step: number, baseStep: number): void;
}

export function wasmLif(layout: NetworkLayout): WasmLif | undefined {
  const module = lifModule();
  if (!module) return undefined;
  const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const offsets = new Map<ArenaName, number>();
  let bytes = 0;
  for (const name of WASM_ARENAS) {
    offsets.set(name, bytes);
    bytes += align16(layout.sizes[name] * 4);
  }
  // the Poisson counts of the largest population, whole vectors of 4 (poissonCounts writes ceil(n/4)·4)
  const countsBytes = align16(4 * Math.max(0, ...layout.populations.map((p) => p.n)));
  const ampaCounts = bytes, gabaCounts = bytes + countsBytes;
  bytes += 2 * countsBytes;
  const pages = Math.ceil(bytes / PAGE_BYTES);
  if (pages > MAX_PAGES) return undefined;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return undefined; // RangeError: this runtime cannot give that much
  }
  const k = new WebAssembly.Instance(module, { env: { memory, exp: Math.exp } }).exports as unknown as LifExports;
  const f32 = (name: 'state' | 'tables') => new Float32Array(memory.buffer, offsets.get(name)!, layout.sizes[name]);
  const u32 = (name: 'spikes' | 'record' | 'counts') => new Uint32Array(memory.buffer, offsets.get(name)!, layout.sizes[name]);
  const arenas: WasmArenas = {
    state: f32('state'), tables: f32('tables'), spikes: u32('spikes'), record: u32('record'), counts: u32('counts'),
    acc: new Int32Array(memory.buffer, offsets.get('acc')!, layout.sizes.acc),
  };
  const at = (array: { byteOffset: number }, index: number) => array.byteOffset + 4 * index;

  function lifUpdate(p: LifUpdateParams, a: Arenas, step: number, baseStep: number): void {
    const { parity, countsBin, key, decayNmdaIdle } = beginLifStep(p, a, step, baseStep);
    if (p.poissonAmpa) k.poissonCounts(ampaCounts, p.n, at(a.tables, p.poissonBase), key, p.streamBase);
    if (p.poissonGaba) k.poissonCounts(gabaCounts, p.n, at(a.tables, p.poissonBase + POISSON_TABLE_SIZE), key, p.streamBase + 1);
    k.lifUpdate(
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
  return { arenas, lifUpdate };
}
