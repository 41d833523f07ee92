/**
 * Phases as WGSL modules and uniform bytes. A phase is a run of consecutive
 * dispatches of the step plan that read nothing another of them writes in that
 * step (dispatchPhases in src/engine/plan.ts), encoded as one dispatch: each
 * dispatch saved is a pipeline barrier on the GPU and a few µs of host
 * encoding (docs/benchmarks.md, "Phases").
 *
 * A phase kernel is a WGSL function `fn name(p: Params, wg: u32, wgs: u32,
 * lid: u32)` (KERNELS[…].phase): its dispatch's parameters, its workgroup among
 * the wgs the dispatch was planned with, and the invocation among the 64 of a
 * workgroup. It uses the arenas at their fixed bindings (shaders/common/arenas.wgsl).
 * A phase's module holds each of its kernels once and an entry point that gives
 * each member its own range of workgroups, one range after another; the
 * ranges are constants of the module, the parameters a uniform (each member's
 * struct at a 16-byte-aligned offset, packPhase). A workgroup's member is
 * uniform over the workgroup, so kernels may use workgroup barriers.
 */
import { ARENA_NAMES, type ArenaName } from '../../model/kernel-params';
import type { KernelName } from '../plan';
import { KERNELS, type PhaseFunction } from './kernels';
import { PHASE_PRELUDE } from './shaders';
import { packStruct, structSize } from './struct';

export interface PhaseMember {
  readonly kernel: KernelName;
  readonly workgroups: number;
}

function phaseFunction(kernel: KernelName): PhaseFunction {
  const spec = KERNELS[kernel];
  if (!('phase' in spec)) throw new Error(`${kernel} is not a phase kernel`);
  return spec.phase;
}

/** The arenas a phase of these kernels binds, in ARENA_NAMES order (binding = index + 1). */
export function phaseArenas(kernels: readonly KernelName[]): ArenaName[] {
  const used = new Set(kernels.flatMap((k) => KERNELS[k].arenas));
  return ARENA_NAMES.filter((name) => used.has(name));
}

/** Byte offset of each member's parameters in the phase uniform, and the uniform's size last. */
export function phaseOffsets(kernels: readonly KernelName[]): number[] {
  const offsets = [0];
  for (const k of kernels) offsets.push(offsets.at(-1)! + structSize(KERNELS[k].params));
  return offsets;
}

/** The WGSL module of a phase. */
export function phaseShader(members: readonly PhaseMember[]): string {
  const parts = [...new Set(members.flatMap((m) => phaseFunction(m.kernel).parts))];
  const fields = members.map((m, k) => `  @align(16) @size(${structSize(KERNELS[m.kernel].params)}) m${k}: ${phaseFunction(m.kernel).struct},`);
  let first = 0;
  const calls = members.map((m, k) => {
    const end = first + m.workgroups;
    const call = `  if (wg < ${end}u) { ${phaseFunction(m.kernel).fn}(phase.m${k}, wg - ${first}u, ${m.workgroups}u, lid); return; }`;
    first = end;
    return call;
  });
  return [
    PHASE_PRELUDE,
    ...parts,
    `struct PhaseParams {\n${fields.join('\n')}\n}`,
    '@group(1) @binding(0) var<uniform> phase: PhaseParams;',
    '@compute @workgroup_size(64)',
    'fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {',
    '  let wg = wid.x + wid.y * nwg.x;',
    ...calls,
    '}',
  ].join('\n');
}

/** The phase uniform: each member's parameters at its offset (phaseOffsets). */
export function packPhase(kernels: readonly KernelName[], values: readonly Record<string, number>[]): ArrayBuffer {
  const offsets = phaseOffsets(kernels);
  const bytes = new Uint8Array(offsets.at(-1)!);
  kernels.forEach((k, m) => bytes.set(new Uint8Array(packStruct(KERNELS[k].params, values[m]!)), offsets[m]!));
  return bytes.buffer;
}
