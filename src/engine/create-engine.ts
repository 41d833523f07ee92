/** Chooses a backend and builds the simulation for a scenario. */
import type { Scenario } from '../scenario/schema';
import type { Backend } from './backend';
import { CpuBackend } from './cpu/cpu-backend';
import { WebGpuUnavailableError } from './errors';
import { acquireDevice } from './gpu/device';
import { GpuBackend } from './gpu/gpu-backend';
import { layoutNetwork } from './plan';
import { Simulation } from './simulation';
import type { Engine, EngineOptions } from './types';

export const DEFAULT_MAX_STEPS_PER_CHUNK = 1000;

/**
 * Builds an engine. backend 'gpu' throws WebGpuUnavailableError without an
 * adapter; 'auto' (the default) then falls back to the CPU reference backend.
 * A network too large for the device throws ScenarioError naming the field.
 */
export async function createEngine(scenario: Scenario, options: EngineOptions = {}): Promise<Engine> {
  const wanted = options.backend ?? 'auto';
  const maxChunk = options.maxStepsPerChunk ?? DEFAULT_MAX_STEPS_PER_CHUNK;
  if (!Number.isInteger(maxChunk) || maxChunk < 1 || maxChunk > 100_000) throw new RangeError('maxStepsPerChunk must be a whole number in 1..100000');
  const perDispatch = options.stepsPerDispatch;
  if (perDispatch !== undefined && (!Number.isInteger(perDispatch) || perDispatch < 1 || perDispatch > 100_000)) throw new RangeError('stepsPerDispatch must be a whole number in 1..100000');
  const inFlight = options.chunksInFlight;
  if (inFlight !== undefined && (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > 8)) throw new RangeError('chunksInFlight must be a whole number in 1..8');
  const layout = layoutNetwork(scenario, maxChunk);
  let backend: Backend;
  if (wanted === 'cpu') {
    backend = new CpuBackend(layout);
  } else {
    try {
      const { device, adapterName } = await acquireDevice(options.gpu);
      backend = new GpuBackend(device, adapterName, layout, { ...(options.fuse ? { fuse: options.fuse } : {}), ...(perDispatch ? { stepsPerDispatch: perDispatch } : {}), ...(inFlight ? { chunksInFlight: inFlight } : {}) });
    } catch (err) {
      if (wanted === 'gpu' || !(err instanceof WebGpuUnavailableError)) throw err;
      backend = new CpuBackend(layout);
    }
  }
  const simulation = new Simulation(scenario, layout, backend);
  try {
    await backend.prepare?.();
  } catch (err) {
    simulation.dispose();
    throw err;
  }
  return simulation;
}
