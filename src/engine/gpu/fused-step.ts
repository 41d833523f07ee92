/**
 * The fused step on the GPU (shaders/fused/fused-step.wgsl): one pipeline, one
 * workgroup per dispatch, `stepsPerDispatch` steps per dispatch. Its
 * parameters are the replaced dispatches' own (KernelParams), packed into
 * slots; src/engine/fused-plan.ts decides which networks it runs.
 */
import {
  type ArenaName, DELIVER_DENSE_LAYOUT, FUSED_LIMITS, FUSED_SLOT_BYTES, FUSED_STEP_LAYOUT, GATHER_EXPAND_LAYOUT, GATHER_MODES_LAYOUT, LIF_UPDATE_LAYOUT,
  STATE_PROBE_LAYOUT, type StructLayout,
} from '../../model/kernel-params';
import { POISSON_TABLE_SIZE } from '../../model/rng';
import type { FusedPlan } from '../fused-plan';
import type { KernelParams, NetworkLayout } from '../plan';
import { READ_ONLY_ARENAS } from './kernels';
import { SHADERS } from './shaders';
import { packStruct, structSize } from './struct';

/** The arenas the fused step binds (group 1, bindings 1…8), in its WGSL header's order; the slots follow at 9. */
export const FUSED_ARENAS: readonly ArenaName[] = ['state', 'acc', 'spikes', 'tables', 'record', 'counts', 'samples', 'conn'];

/** Byte offsets of the slot arrays in FusedSlots, in declaration order. */
const SLOT_KINDS = [
  ['lif', FUSED_LIMITS.MAX_FUSED_POPULATIONS],
  ['dense', FUSED_LIMITS.MAX_FUSED_DELIVERIES],
  ['modes', FUSED_LIMITS.MAX_FUSED_GATHERS],
  ['expand', FUSED_LIMITS.MAX_FUSED_GATHERS],
  ['probes', FUSED_LIMITS.MAX_FUSED_PROBES],
] as const;
export const FUSED_SLOT_OFFSETS = (() => {
  const offsets = {} as Record<(typeof SLOT_KINDS)[number][0], number>;
  let at = 0;
  for (const [kind, count] of SLOT_KINDS) {
    offsets[kind] = at;
    at += count * FUSED_SLOT_BYTES[kind];
  }
  return { ...offsets, total: at };
})();

/** The populations' Poisson CDF tables in workgroup memory: two of POISSON_TABLE_SIZE floats each. */
const POISSON_BYTES = 4 * 2 * POISSON_TABLE_SIZE * FUSED_LIMITS.MAX_FUSED_POPULATIONS;

/**
 * The step's workgroup memory (fused-step.wgsl) at `workgroupSize` invocations: the mode partials (8 bytes
 * an invocation), every distinct presynaptic vector (4 bytes a cell), every gather's (c_k, a_k, b_k) (16 bytes
 * a mode), the populations' Poisson tables (POISSON_BYTES) and a copy of the slots.
 */
export function fusedWorkgroupMemory(layout: NetworkLayout, plan: FusedPlan, workgroupSize: number) {
  const gathers = plan.modes.map((k) => layout.projections[layout.dispatches[k]!.target]!);
  const sources = new Set(gathers.map((pr) => pr.pre)); // staged once however many gathers read it (writeParams)
  const sourceCap = Math.max(1, [...sources].reduce((sum, pop) => sum + pop.n, 0));
  const termCap = Math.max(1, gathers.reduce((sum, pr) => sum + pr.modeCapacity, 0));
  return { sourceCap, termCap, bytes: 8 * workgroupSize + 4 * sourceCap + 16 * termCap + POISSON_BYTES + FUSED_SLOT_OFFSETS.total };
}
export type FusedWorkgroup = { size: number; memory: ReturnType<typeof fusedWorkgroupMemory> };

/**
 * The one workgroup on this device: as many invocations as it allows up to 1024, a multiple of 64 (two mode
 * reductions of MODE_LANES = 32, fourier-modes.wgsl), fewer where its workgroup memory would not fit (the
 * full ring needs 19.8 KB at 1024 and 15.8 KB at 512: a device with WebGPU's default 16 KB still runs it
 * fused, at 512); or why no size fits.
 */
export function fusedWorkgroup(limits: GPUSupportedLimits, layout: NetworkLayout, plan: FusedPlan): FusedWorkgroup | { reason: string } {
  const most = Math.min(1024, limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  for (let size = Math.max(64, Math.floor(most / 64) * 64); size >= 64; size -= 64) {
    const memory = fusedWorkgroupMemory(layout, plan, size);
    if (memory.bytes <= limits.maxComputeWorkgroupStorageSize) return { size, memory };
  }
  const { bytes } = fusedWorkgroupMemory(layout, plan, 64);
  return { reason: `its presynaptic vectors and modes need ${bytes} bytes of workgroup memory, more than the device's ${limits.maxComputeWorkgroupStorageSize}` };
}

export class FusedStep {
  readonly workgroupSize: number;
  private readonly pipeline: GPUComputePipeline;
  private readonly group: GPUBindGroup;
  private readonly header: GPUBuffer;
  private readonly slots: GPUBuffer;

  constructor(
    private readonly device: GPUDevice, private readonly layout: NetworkLayout, private readonly plan: FusedPlan,
    workgroup: FusedWorkgroup, readonly stepsPerDispatch: number, clockLayout: GPUBindGroupLayout, arenas: Record<ArenaName, GPUBuffer>,
  ) {
    this.workgroupSize = workgroup.size;
    const memory = workgroup.memory;
    const uniform = (binding: number): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } });
    const groupLayout = device.createBindGroupLayout({
      label: 'FusedStep.layout',
      entries: [
        uniform(0),
        ...FUSED_ARENAS.map((name, k): GPUBindGroupLayoutEntry => ({
          binding: k + 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: READ_ONLY_ARENAS.has(name) ? 'read-only-storage' : 'storage' },
        })),
        uniform(FUSED_ARENAS.length + 1),
      ],
    });
    this.pipeline = device.createComputePipeline({
      label: 'FusedStep.pipeline',
      layout: device.createPipelineLayout({ label: 'FusedStep.pipelineLayout', bindGroupLayouts: [clockLayout, groupLayout] }),
      compute: { module: device.createShaderModule({ label: 'fusedStep.wgsl', code: SHADERS.fusedStep }), entryPoint: 'main', constants: { WG: this.workgroupSize, SOURCE_CAP: memory.sourceCap, TERM_CAP: memory.termCap } },
    });
    this.header = device.createBuffer({ label: 'FusedStep.header', size: structSize(FUSED_STEP_LAYOUT), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.slots = device.createBuffer({ label: 'FusedStep.slots', size: FUSED_SLOT_OFFSETS.total, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.group = device.createBindGroup({
      label: 'FusedStep.group',
      layout: groupLayout,
      entries: [
        { binding: 0, resource: { buffer: this.header } },
        ...FUSED_ARENAS.map((name, k) => ({ binding: k + 1, resource: { buffer: arenas[name] } })),
        { binding: FUSED_ARENAS.length + 1, resource: { buffer: this.slots } },
      ],
    });
  }

  /** The replaced dispatches' parameters into their slots. */
  writeParams(params: KernelParams): void {
    const { plan, layout } = this;
    const target = (k: number) => layout.dispatches[k]!.target;
    const bytes = new Uint8Array(FUSED_SLOT_OFFSETS.total);
    const view = new DataView(bytes.buffer);
    const put = (kind: keyof typeof FUSED_SLOT_BYTES, slot: number, structLayout: StructLayout, values: Record<string, number>) =>
      bytes.set(new Uint8Array(packStruct(structLayout, values)), FUSED_SLOT_OFFSETS[kind] + slot * FUSED_SLOT_BYTES[kind]);
    plan.populations.forEach((k, s) => put('lif', s, LIF_UPDATE_LAYOUT, params.lifUpdate.get(target(k))!));
    plan.deliveries.forEach((k, s) => {
      const dense = params.deliverDense.get(target(k))!;
      put('dense', s, DELIVER_DENSE_LAYOUT, dense);
      // the uniform weight the unfused kernel reads from itables (the fused step binds no itables)
      view.setInt32(FUSED_SLOT_OFFSETS.dense + s * FUSED_SLOT_BYTES.dense + 32, params.itables[dense.tableBase]!, true);
    });
    // each distinct presynaptic vector staged once, by its first gather; each gather's modes after the previous'
    const sourceAt = new Map<number, number>();
    let sources = 0, terms = 0;
    plan.modes.forEach((k, s) => {
      const q = params.gatherModes.get(target(k))!;
      const expand = params.gatherExpand.get(target(plan.expands[s]!))!;
      if (expand.modesBase !== q.modesBase) throw new Error(`fused step: gather ${s}'s expansion reads other modes`);
      const stage = !sourceAt.has(q.srcBase);
      if (stage) sourceAt.set(q.srcBase, (sources += q.preN) - q.preN);
      put('modes', s, GATHER_MODES_LAYOUT, q);
      put('expand', s, GATHER_EXPAND_LAYOUT, expand);
      const at = FUSED_SLOT_OFFSETS.modes + s * FUSED_SLOT_BYTES.modes;
      view.setUint32(at + 32, sourceAt.get(q.srcBase)!, true);
      view.setUint32(at + 36, stage ? 1 : 0, true);
      view.setUint32(at + 40, terms, true);
      view.setUint32(FUSED_SLOT_OFFSETS.expand + s * FUSED_SLOT_BYTES.expand + 32, terms, true);
      terms += q.modeCount;
    });
    plan.probes.forEach((k, s) => put('probes', s, STATE_PROBE_LAYOUT, params.stateProbe.get(target(k))!));
    this.device.queue.writeBuffer(this.slots, 0, bytes);
    const modePairs = plan.modes.reduce((sum, k) => sum + params.gatherModes.get(target(k))!.modeCount, 0);
    this.device.queue.writeBuffer(this.header, 0, packStruct(FUSED_STEP_LAYOUT, {
      stepsPerDispatch: this.stepsPerDispatch, populations: plan.populations.length, deliveries: plan.deliveries.length,
      gathers: plan.modes.length, modePairs, probes: plan.probes.length,
    }));
  }

  /** Steps [0, steps) of the chunk: one single-workgroup dispatch per stepsPerDispatch, each bound to the clock slot of its first step. */
  encode(pass: GPUComputePassEncoder, steps: number, bindClock: (stepInChunk: number) => void): void {
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(1, this.group);
    for (let s = 0; s < steps; s += this.stepsPerDispatch) {
      bindClock(s);
      pass.dispatchWorkgroups(1);
    }
  }

  describe(): string {
    return `fused: ${this.stepsPerDispatch} steps per dispatch of one ${this.workgroupSize}-invocation workgroup, in place of dispatches ${
      [...this.plan.deliveries, ...this.plan.modes, ...this.plan.expands, ...this.plan.populations, ...this.plan.probes].sort((a, b) => a - b).map((k) => k + 1).join(', ')}`;
  }

  dispose(): void {
    this.header.destroy();
    this.slots.destroy();
  }
}
