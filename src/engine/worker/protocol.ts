/**
 * Messages between the page and the engine's Web Worker, and typed errors
 * carried across the boundary (structured clone keeps only name and message).
 */
import { ScenarioError } from '../../scenario/errors';
import type { Scenario } from '../../scenario/schema';
import { DeviceLostError, FuseUnavailableError, StructuralChangeError, WebGpuUnavailableError } from '../errors';
import type { AgentDrive, BackendKind, EngineOptions, ParamPatch, ProbeFrame } from '../types';

/** The engine options a worker takes (the rest, the GPU included, are the worker's own). */
export type WorkerEngineOptions = Pick<EngineOptions, 'backend' | 'maxStepsPerChunk' | 'fuse'>;

export type ToWorker =
  | { type: 'create'; scenario: Scenario; options: WorkerEngineOptions }
  | { type: 'step'; id: number; n: number }
  | { type: 'apply'; patch: ParamPatch }
  | { type: 'reset'; seed?: number }
  | { type: 'drive'; drive: AgentDrive | null }
  | { type: 'dispose' };

export interface CreatedInfo {
  backend: BackendKind;
  adapter: string;
  traffic: { bytesPerStep: number; bytesPerSpike: number };
  plan: string[];
}

export type FromWorker =
  | { type: 'created'; info: CreatedInfo }
  | { type: 'frames'; id: number; frames: ProbeFrame[] }
  | { type: 'stepped'; id: number; stepIndex: number; seconds: number }
  | { type: 'error'; id?: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  path?: string;
  detail?: string;
  reason?: string;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof ScenarioError) return { name: err.name, message: err.message, path: err.path, detail: err.detail };
  if (err instanceof DeviceLostError || err instanceof FuseUnavailableError) return { name: err.name, message: err.message, reason: err.reason };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

export function deserializeError(e: SerializedError): Error {
  switch (e.name) {
    case 'ScenarioError': return new ScenarioError(e.path ?? '', e.detail ?? e.message);
    case 'DeviceLostError': return new DeviceLostError(e.reason ?? 'unknown', e.message);
    case 'WebGpuUnavailableError': return new WebGpuUnavailableError(e.message);
    case 'FuseUnavailableError': return new FuseUnavailableError(e.reason ?? e.message);
    case 'StructuralChangeError': return new StructuralChangeError(e.message);
    default: {
      const err = new Error(e.message);
      err.name = e.name;
      return err;
    }
  }
}

/** The typed-array buffers of frames, transferred rather than copied. */
export function transferables(frames: readonly ProbeFrame[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const f of frames) {
    out.push(f.t.buffer as ArrayBuffer);
    if (f.kind === 'spikes') out.push(f.i.buffer as ArrayBuffer);
    else if (f.kind === 'bump') out.push(f.angle.buffer as ArrayBuffer, f.amplitude.buffer as ArrayBuffer);
    else if (f.kind === 'agent') out.push(f.x.buffer as ArrayBuffer, f.y.buffer as ArrayBuffer);
    else for (const v of f.values) out.push(v.buffer as ArrayBuffer);
  }
  return [...new Set(out)];
}
