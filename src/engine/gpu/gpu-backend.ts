/**
 * WebGPU backend: the arenas as storage buffers; per phase of the step plan
 * (dispatchPhases: consecutive dispatches that run as one, src/engine/gpu/phase.ts)
 * one pipeline, uniform buffer and bind group, and per other dispatch its
 * kernel's pipeline and its own uniform and bind group. A chunk of
 * steps is encoded into one compute pass of one command buffer; the step
 * index reaches the kernels through a dynamic uniform offset, so nothing is
 * uploaded or awaited per step. Probe outputs are copied to a staging buffer
 * once per chunk. runChunk encodes and submits in the call and only then
 * awaits the readback, so the simulation loop can encode the next chunk while
 * the GPU runs this one (chunksInFlight); each chunk in flight has its own
 * staging buffer, taken from a pool.
 */
import { ARENA_NAMES, type ArenaName, type Arenas, CHUNK_LAYOUT, type StructValues } from '../../model/kernel-params';
import { ScenarioError } from '../../scenario/errors';
import type { Backend, Readout } from '../backend';
import { DeviceLostError, FuseUnavailableError } from '../errors';
import { DEFAULT_STEPS_PER_DISPATCH, fusedPlan, fusesOn } from '../fused-plan';
import type { FuseOption } from '../types';
import { FusedStep, fusedWorkgroup } from './fused-step';
import { activeDispatches, dispatchPhases, type KernelName, type KernelParams, type NetworkLayout, type PopulationLayout, PROBE_KERNELS, SLOW_KERNELS, stimulusBase } from '../plan';
import { kernelPasses, KERNELS, READ_ONLY_ARENAS } from './kernels';
import { packPhase, phaseArenas, phaseOffsets, phaseShader } from './phase';
import { packStruct, structSize } from './struct';

/** Bytes between per-step clock slots (the largest minUniformBufferOffsetAlignment allowed). */
const CLOCK_STRIDE = 256;
const WORKGROUP = 64;
const READOUT_ARENAS = ['record', 'counts', 'samples'] as const;
/** Chunks submitted ahead of the one being read back, by default: one encodes while the other runs. */
export const DEFAULT_CHUNKS_IN_FLIGHT = 2;
/** Wall time (ms) a timed pair of chunks must reach when prepare() times the fused and unfused step. */
const TIMED_PAIR_MS = 10;

/** One dispatch as encoded: a phase of the plan's dispatches, or one dispatch of a kernel with its own module. */
interface EncodedDispatch {
  /** the members' kernels, one kernel for a dispatch of its own */
  readonly kernels: readonly KernelName[];
  /** indices into layout.dispatches */
  readonly members: readonly number[];
  readonly phase: boolean;
  /** one, or a kernel's passes in order (kernelPasses), with the same bindings and workgroups */
  readonly pipelines: readonly GPUComputePipeline[];
  readonly group: GPUBindGroup;
  readonly params: GPUBuffer;
  readonly workgroups: readonly [number, number];
  readonly everySteps: number;
}

/** The pipeline and group 1 a compute pass has bound (undefined: none yet). */
interface Bound {
  pipeline?: GPUComputePipeline;
  group?: GPUBindGroup;
}

export class GpuBackend implements Backend {
  readonly kind = 'gpu';
  private readonly buffers = {} as Record<ArenaName, GPUBuffer>;
  private readonly clock: GPUBuffer;
  private readonly chunk: GPUBuffer;
  private readonly clockGroup: GPUBindGroup;
  private readonly readoutBytes: number;
  /** staging buffers not in use by a chunk in flight (a chunk takes one, or creates one, and gives it back once read) */
  private readonly freeStaging: GPUBuffer[] = [];
  private readonly allStaging = new Set<GPUBuffer>();
  readonly chunksInFlight: number;
  /** the step as encoded under the current parameters (dispatchPhases of the dispatches that run) */
  private dispatches: readonly EncodedDispatch[] = [];
  /** the steps built so far, by the phases they encode: the live parameters switch between a sweep and its event-driven form */
  private readonly builtSteps = new Map<string, EncodedDispatch[]>();
  /** pipelines by their WGSL (a kernel's own module, or a phase's) */
  private readonly pipelines = new Map<string, { pipelines: readonly GPUComputePipeline[]; groupLayout: GPUBindGroupLayout }>();
  private readonly clockLayout: GPUBindGroupLayout;
  /** the fused step when the network qualifies (and fusing is not off) */
  private readonly fused: FusedStep | undefined;
  /** whether ordinary chunks run through `fused`: yes with 'always'; with 'auto' on a hardware adapter and 'measure', once prepare() found it faster */
  private runFused: boolean;
  /** prepare()'s wall ms a step, fused and unfused, where the fuse option asked it to choose */
  private timed: { fused: number; unfused: number } | undefined;
  private lost: GPUDeviceLostInfo | undefined;
  private error: GPUError | undefined;

  constructor(
    private readonly device: GPUDevice, readonly adapter: string, private readonly layout: NetworkLayout,
    options: { readonly fuse?: FuseOption; readonly stepsPerDispatch?: number; readonly chunksInFlight?: number } = {},
  ) {
    this.chunksInFlight = options.chunksInFlight ?? DEFAULT_CHUNKS_IN_FLIGHT;
    checkLimits(layout, device.limits);
    void device.lost.then((info) => (this.lost = info));
    device.addEventListener('uncapturederror', (e) => (this.error ??= (e as GPUUncapturedErrorEvent).error));

    for (const name of ARENA_NAMES) {
      this.buffers[name] = device.createBuffer({
        label: `GpuBackend.${name}`,
        size: layout.sizes[name] * 4,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
      });
    }
    this.clock = device.createBuffer({ label: 'GpuBackend.clock', size: layout.maxChunkSteps * CLOCK_STRIDE, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const slots = new Uint32Array((layout.maxChunkSteps * CLOCK_STRIDE) / 4);
    for (let s = 0; s < layout.maxChunkSteps; s++) slots[(s * CLOCK_STRIDE) / 4] = s;
    device.queue.writeBuffer(this.clock, 0, slots.buffer);
    this.chunk = device.createBuffer({ label: 'GpuBackend.chunk', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const clockLayout = (this.clockLayout = device.createBindGroupLayout({
      label: 'GpuBackend.clockLayout',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
      ],
    }));
    this.clockGroup = device.createBindGroup({
      label: 'GpuBackend.clockGroup',
      layout: clockLayout,
      entries: [
        { binding: 0, resource: { buffer: this.clock, size: 16 } },
        { binding: 1, resource: { buffer: this.chunk } },
      ],
    });
    this.readoutBytes = READOUT_ARENAS.reduce((sum, name) => sum + layout.sizes[name] * 4, 0);
    this.freeStaging.push(this.createStaging());

    const fuse = options.fuse ?? 'auto';
    let fusable = fuse === 'never' || (fuse === 'auto' && !fusesOn(adapter)) ? undefined : fusedPlan(layout);
    const workgroup = fusable && 'plan' in fusable ? fusedWorkgroup(device.limits, layout, fusable.plan) : undefined;
    if (workgroup && 'reason' in workgroup) fusable = workgroup;
    if (fusable && 'reason' in fusable && fuse === 'always') throw new FuseUnavailableError(fusable.reason);
    this.fused = fusable && 'plan' in fusable && workgroup && 'size' in workgroup
      ? new FusedStep(device, layout, fusable.plan, workgroup, options.stepsPerDispatch ?? DEFAULT_STEPS_PER_DISPATCH, clockLayout, this.buffers)
      : undefined;
    this.runFused = this.fused !== undefined && fuse === 'always';
  }

  get execution(): string | undefined {
    const t = this.timed;
    if (!this.fused || (!this.runFused && !t)) return undefined;
    const timed = t ? ` (timed here: ${microseconds(t.fused)} fused against ${microseconds(t.unfused)} unfused, a step)` : '';
    return this.runFused ? `${this.fused.describe()}${timed}` : `unfused${timed}`;
  }

  /**
   * Where the fuse option leaves the choice to this device ('auto' on a
   * hardware adapter, 'measure'), times the fused and the unfused step on the
   * loaded network and keeps the faster: a single-workgroup step runs on one
   * compute unit, so a small GPU may run the dispatches faster. Each form runs
   * as the simulation loop runs it, two chunks in flight, in chunks doubled
   * until a pair takes TIMED_PAIR_MS, after one chunk of each to warm up; the
   * better of two such runs counts. The arenas are saved before and put back
   * after, so the run starts where it would have without the timing (the two
   * forms give the same results, tests/gpu/fused-step.test.ts).
   */
  async prepare(): Promise<void> {
    if (!this.fused || this.runFused || this.timed) return;
    const writable = ARENA_NAMES.filter((name) => !READ_ONLY_ARENAS.has(name));
    const saved = new Map(writable.map((name) => [name, this.device.createBuffer({
      label: `GpuBackend.saved.${name}`, size: this.layout.sizes[name] * 4, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    })]));
    const copy = (from: (name: ArenaName) => GPUBuffer, to: (name: ArenaName) => GPUBuffer) => {
      const enc = this.device.createCommandEncoder({ label: 'GpuBackend.saveArenas' });
      for (const name of writable) enc.copyBufferToBuffer(from(name), 0, to(name), 0, this.layout.sizes[name] * 4);
      this.device.queue.submit([enc.finish()]);
    };
    copy((name) => this.buffers[name], (name) => saved.get(name)!);
    const msPerStep = async (fused: boolean, steps: number) => {
      this.runFused = fused;
      const started = performance.now();
      await Promise.all([this.runChunk(0, steps), this.runChunk(steps, steps)]);
      return (performance.now() - started) / (2 * steps);
    };
    const timeForm = async (fused: boolean) => {
      for (let steps = 1; ; steps = Math.min(2 * steps, this.layout.maxChunkSteps)) {
        const ms = await msPerStep(fused, steps);
        if (2 * steps * ms >= TIMED_PAIR_MS || steps === this.layout.maxChunkSteps) return ms;
      }
    };
    await msPerStep(true, 1);
    await msPerStep(false, 1);
    const timed = { fused: Infinity, unfused: Infinity };
    for (let run = 0; run < 2; run++) {
      timed.fused = Math.min(timed.fused, await timeForm(true));
      timed.unfused = Math.min(timed.unfused, await timeForm(false));
    }
    this.timed = timed;
    this.runFused = timed.fused < timed.unfused;
    copy((name) => saved.get(name)!, (name) => this.buffers[name]);
    await this.device.queue.onSubmittedWorkDone();
    for (const b of saved.values()) b.destroy();
    this.throwIfFailed();
  }

  writeParams(params: KernelParams): void {
    const phases = dispatchPhases(this.layout, activeDispatches(this.layout, params));
    const key = phases.map((members) => members.join(',')).join(' ');
    let encoded = this.builtSteps.get(key);
    if (!encoded) this.builtSteps.set(key, (encoded = phases.map((members) => this.buildDispatch(members))));
    this.dispatches = encoded;
    for (const e of this.dispatches) {
      const values = e.members.map((k, m) => (params[e.kernels[m]!] as Map<number, Record<string, number>>).get(this.layout.dispatches[k]!.target)!);
      this.device.queue.writeBuffer(e.params, 0, e.phase ? packPhase(e.kernels, values) : packStruct(KERNELS[e.kernels[0]!].params, values[0]!));
    }
    this.upload(this.buffers.tables, 0, params.tables);
    this.upload(this.buffers.itables, 0, params.itables);
    this.fused?.writeParams(params);
  }

  writeState(state: Float32Array): void {
    this.upload(this.buffers.state, 0, state);
    const enc = this.device.createCommandEncoder({ label: 'GpuBackend.clear' });
    for (const name of ['acc', 'spikes', 'record', 'counts'] as const) enc.clearBuffer(this.buffers[name]);
    this.device.queue.submit([enc.finish()]);
  }

  writeConnectivity(conn: Uint32Array): void {
    this.upload(this.buffers.conn, 0, conn);
  }

  writeSynapses(syn: Float32Array): void {
    this.upload(this.buffers.syn, 0, syn);
  }

  writeStimulus(pop: PopulationLayout, values: Float32Array): void {
    this.upload(this.buffers.state, stimulusBase(pop) * 4, values);
  }

  writeAgentPath(path: Float32Array): void {
    this.upload(this.buffers.tables, this.layout.agentPathBase * 4, path);
  }

  async runChunk(baseStep: number, steps: number): Promise<Readout> {
    return this.submitAndRead(baseStep, steps, 'GpuBackend.chunk', false, (pass) => {
      if (this.fused && this.runFused) this.fused.encode(pass, steps, (s) => pass.setBindGroup(0, this.clockGroup, [s * CLOCK_STRIDE]));
      else {
        const bound: Bound = {};
        for (let s = 0; s < steps; s++) this.encodeStep(pass, s, (d) => d.everySteps === 1 || (baseStep + s) % d.everySteps === 0, bound);
      }
    });
  }

  async runSlowChunk(steps: number): Promise<Readout> {
    return this.submitAndRead(0, steps, 'GpuBackend.slowChunk', true, (pass) => {
      const bound: Bound = {};
      for (let s = 0; s < steps; s++) this.encodeStep(pass, s, (d) => SLOW_KERNELS.has(d.kernels[0]!), bound);
      this.encodeStep(pass, 0, (d) => PROBE_KERNELS.has(d.kernels[0]!), bound);
    });
  }

  /**
   * One step's dispatches as built for the current parameters (writeParams: the phases of the
   * dispatches that run) that pass the filter, at clock slot s of the chunk. `bound` is what the pass has bound so far: a pipeline or
   * group 1 that is already bound is not set again (bindings persist across setPipeline).
   * Code that sets a pipeline or group 1 in the same pass by other means must update `bound` too
   * (or empty it), or the next dispatch skips a needed bind.
   */
  private encodeStep(pass: GPUComputePassEncoder, s: number, keep: (d: EncodedDispatch) => boolean, bound: Bound): void {
    pass.setBindGroup(0, this.clockGroup, [s * CLOCK_STRIDE]);
    for (const d of this.dispatches) {
      if (!keep(d)) continue;
      for (const pipeline of d.pipelines) {
        if (bound.pipeline !== pipeline) pass.setPipeline((bound.pipeline = pipeline));
        if (bound.group !== d.group) pass.setBindGroup(1, (bound.group = d.group));
        pass.dispatchWorkgroups(d.workgroups[0], d.workgroups[1]);
      }
    }
  }

  /** One dispatch of the step: a phase of these plan dispatches, or one dispatch of a kernel with its own module. */
  private buildDispatch(members: readonly number[]): EncodedDispatch {
    const d = this.layout.dispatches[members[0]!]!;
    const kernels = members.map((k) => this.layout.dispatches[k]!.kernel);
    const spec = KERNELS[d.kernel];
    const memberWorkgroups = members.map((k) => Math.ceil(this.layout.dispatches[k]!.invocations / WORKGROUP));
    const phase = 'phase' in spec;
    const code = phase ? phaseShader(kernels.map((kernel, k) => ({ kernel, workgroups: memberWorkgroups[k]! }))) : spec.shader;
    // a kernel of its own module binds its arenas at 1, 2, … in KERNELS' order; a phase at their fixed bindings
    const arenas = (phase ? phaseArenas(kernels) : spec.arenas).map((name) => ({ name, binding: phase ? ARENA_NAMES.indexOf(name) + 1 : spec.arenas.indexOf(name) + 1 }));
    const label = members.map((k) => this.layout.dispatches[k]!.label).join(' + ');
    let entry = this.pipelines.get(code);
    if (!entry) {
      const module = this.device.createShaderModule({ label: `${label}.wgsl`, code });
      const groupLayout = this.device.createBindGroupLayout({
        label: `${label}.layout`,
        entries: [
          { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
          ...arenas.map(({ name, binding }): GPUBindGroupLayoutEntry => ({
            binding, visibility: GPUShaderStage.COMPUTE,
            buffer: { type: READ_ONLY_ARENAS.has(name) ? 'read-only-storage' : 'storage' },
          })),
        ],
      });
      const pipelineLayout = this.device.createPipelineLayout({ label: `${label}.pipelineLayout`, bindGroupLayouts: [this.clockLayout, groupLayout] });
      const pipelines = kernelPasses(d.kernel).map((entryPoint) => this.device.createComputePipeline({
        label: `${label}.${entryPoint}`, layout: pipelineLayout, compute: { module, entryPoint },
      }));
      entry = { pipelines, groupLayout };
      this.pipelines.set(code, entry);
    }
    const params = this.device.createBuffer({ label: `${label}.params`, size: phase ? phaseOffsets(kernels).at(-1)! : structSize(spec.params), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const group = this.device.createBindGroup({
      label: `${label}.group`,
      layout: entry.groupLayout,
      entries: [{ binding: 0, resource: { buffer: params } }, ...arenas.map(({ name, binding }) => ({ binding, resource: { buffer: this.buffers[name] } }))],
    });
    const wg = memberWorkgroups.reduce((a, b) => a + b, 0);
    const maxDim = this.device.limits.maxComputeWorkgroupsPerDimension;
    const workgroups: [number, number] = wg > maxDim ? [maxDim, Math.ceil(wg / maxDim)] : [Math.max(1, wg), 1];
    return { kernels, members, phase, pipelines: entry.pipelines, group, params, workgroups, everySteps: 'everySteps' in d ? d.everySteps : 1 };
  }

  /** Encodes a chunk in one compute pass, copies the probe outputs to staging, clears them and reads them back. */
  private async submitAndRead(baseStep: number, steps: number, label: string, clearSpikes: boolean, encode: (pass: GPUComputePassEncoder) => void): Promise<Readout> {
    this.throwIfFailed();
    const chunk: StructValues<typeof CHUNK_LAYOUT> = { baseStep: baseStep >>> 0, steps };
    this.device.queue.writeBuffer(this.chunk, 0, packStruct(CHUNK_LAYOUT, chunk));
    const enc = this.device.createCommandEncoder({ label });
    // a slow chunk: nothing spikes in a quiet period (and nothing in a slow step writes the lists), so traceUpdate finds them empty
    if (clearSpikes) enc.clearBuffer(this.buffers.spikes);
    const pass = enc.beginComputePass({ label: `${label}.steps` });
    encode(pass);
    pass.end();
    const staging = this.freeStaging.pop() ?? this.createStaging();
    let offset = 0;
    for (const name of READOUT_ARENAS) {
      enc.copyBufferToBuffer(this.buffers[name], 0, staging, offset, this.layout.sizes[name] * 4);
      offset += this.layout.sizes[name] * 4;
    }
    enc.clearBuffer(this.buffers.record);
    enc.clearBuffer(this.buffers.counts);
    this.device.queue.submit([enc.finish()]);
    // mapAsync is called before runChunk returns, ahead of the next chunk's
    // submit: a map completes with the work submitted before it, so this
    // readback does not wait for the chunk encoded next
    try {
      await staging.mapAsync(GPUMapMode.READ);
    } catch (err) {
      this.throwIfFailed();
      throw err;
    }
    const bytes = staging.getMappedRange().slice(0);
    staging.unmap();
    this.freeStaging.push(staging);
    this.throwIfFailed();
    const z = this.layout.sizes;
    return {
      record: new Uint32Array(bytes, 0, z.record),
      counts: new Uint32Array(bytes, z.record * 4, z.counts),
      samples: new Float32Array(bytes, (z.record + z.counts) * 4, z.samples),
    };
  }

  async readArenas(): Promise<Arenas> {
    this.throwIfFailed();
    const enc = this.device.createCommandEncoder({ label: 'GpuBackend.readArenas' });
    const copies = ARENA_NAMES.map((name) => {
      const buffer = this.device.createBuffer({ label: `GpuBackend.read.${name}`, size: this.layout.sizes[name] * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      enc.copyBufferToBuffer(this.buffers[name], 0, buffer, 0, buffer.size);
      return buffer;
    });
    this.device.queue.submit([enc.finish()]);
    const bytes = await Promise.all(copies.map(async (b) => {
      await b.mapAsync(GPUMapMode.READ);
      const copy = b.getMappedRange().slice(0);
      b.destroy();
      return copy;
    }));
    const [state, acc, spikes, record, counts, samples, tables, itables, conn, syn] = bytes as ArrayBuffer[] as
      [ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer];
    return {
      state: new Float32Array(state), acc: new Int32Array(acc), spikes: new Uint32Array(spikes), record: new Uint32Array(record),
      counts: new Uint32Array(counts), samples: new Float32Array(samples), tables: new Float32Array(tables),
      itables: new Int32Array(itables), conn: new Uint32Array(conn), syn: new Float32Array(syn),
    };
  }

  dispose(): void {
    for (const b of Object.values(this.buffers)) b.destroy();
    for (const step of this.builtSteps.values()) for (const d of step) d.params.destroy();
    this.fused?.dispose();
    this.clock.destroy();
    this.chunk.destroy();
    for (const b of this.allStaging) b.destroy();
    this.device.destroy();
  }

  private createStaging(): GPUBuffer {
    const staging = this.device.createBuffer({ label: `GpuBackend.staging${this.allStaging.size}`, size: this.readoutBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.allStaging.add(staging);
    return staging;
  }

  private upload(buffer: GPUBuffer, offsetBytes: number, data: ArrayBufferView): void {
    this.device.queue.writeBuffer(buffer, offsetBytes, data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  }

  private throwIfFailed(): void {
    if (this.lost) throw new DeviceLostError(this.lost.reason, `the GPU device was lost (${this.lost.reason}): ${this.lost.message || 'no message'}`);
    if (this.error) throw new Error(`WebGPU error: ${this.error.message}`);
  }
}

/** Refuses a network whose buffers exceed the device, naming the scenario field that sized the largest. */
function checkLimits(layout: NetworkLayout, limits: GPUSupportedLimits): void {
  const max = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  for (const name of ARENA_NAMES) {
    const bytes = layout.sizes[name] * 4;
    if (bytes <= max) continue;
    const detail = `needs a ${mib(bytes)} ${name} buffer; this device allows ${mib(max)}`;
    if (name === 'conn' || name === 'itables' || name === 'syn') {
      const pr = [...layout.projections].sort((a, b) => b.post.n * b.k - a.post.n * a.k)[0]!;
      throw new ScenarioError(`projections.${pr.spec.id}.connectivity`, detail);
    }
    if (name === 'record' || name === 'counts' || name === 'samples') throw new ScenarioError('probes', detail);
    // a rateMap probe keeps a map per cell in state: when those are most of it, its bins are the field to change
    const map = name === 'state' ? [...layout.rateMaps].sort((a, b) => b.pop.n * b.nx * b.ny - a.pop.n * a.nx * a.ny)[0] : undefined;
    if (map && 8 * map.pop.n * map.nx * map.ny > bytes) {
      throw new ScenarioError(`probes.${map.spec.id}.binSize`, `${detail} (the rate maps: ${map.pop.n} cells × ${map.nx * map.ny} bins)`);
    }
    const pop = [...layout.populations].sort((a, b) => b.n - a.n)[0]!;
    throw new ScenarioError(`populations.${pop.spec.id}.n`, detail);
  }
}

/** A duration in ms as µs, to three significant figures. */
const microseconds = (ms: number) => `${Number((ms * 1000).toPrecision(3))} µs`;
