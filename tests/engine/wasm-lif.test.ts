/**
 * The CPU backend's WebAssembly LIF step (wasm/lif-update.ts, src/engine/cpu/wasm-lif.ts)
 * against its JavaScript reference (src/model/kernels/lif-update.ts): the same bits in
 * every arena and the same probe frames, over networks that use every branch of the
 * kernel: conductance and current synapses, NMDA in and out, Poisson AMPA and GABA,
 * stimuli, rate input, adaptation, an odd population size (the one-lane tail).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/engine/cpu/cpu-backend';
import { layoutNetwork } from '../../src/engine/plan';
import { Simulation } from '../../src/engine/simulation';
import { applyPatch, type PatchValue } from '../../src/scenario/patch';
import { shippedDocument } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';
import { benchNetwork } from '../../src/cli/bench-network';
import type { ScenarioInput } from '../../src/scenario/schema';

async function run(doc: ScenarioInput, steps: number, wasm: boolean) {
  const s = parseScenario(doc);
  const layout = layoutNetwork(s, 500);
  const backend = new CpuBackend(layout, { wasm });
  const sim = new Simulation(s, layout, backend);
  const frames = await sim.step(steps);
  const arenas = await backend.readArenas();
  sim.dispose();
  return { adapter: backend.adapter, frames, arenas };
}

async function expectSameBits(doc: ScenarioInput, steps: number) {
  const js = await run(doc, steps, false);
  const wasm = await run(doc, steps, true);
  expect(wasm.adapter).toContain('WebAssembly');
  for (const name of ['state', 'acc', 'spikes', 'counts', 'syn'] as const) {
    expect(new Uint32Array(wasm.arenas[name].buffer, wasm.arenas[name].byteOffset, wasm.arenas[name].length), name)
      .toEqual(new Uint32Array(js.arenas[name].buffer, js.arenas[name].byteOffset, js.arenas[name].length));
  }
  expect(wasm.frames).toEqual(js.frames);
  return js.frames;
}

const shipped = (id: string, patch: Record<string, PatchValue> = {}) => applyPatch(shippedDocument(id), patch) as ScenarioInput;

describe('WebAssembly LIF step', () => {
  it('equals the JavaScript kernel bit for bit: NMDA ring with cue, adaptation and an odd E population', async () => {
    const frames = await expectSameBits(shipped('working-memory-ring-half', { 'populations.E.n': 1023, 'populations.E.adaptIncrement': 0.5, 'stimuli.cue.onset': 0.01 }), 600);
    expect(frames.some((f) => f.kind === 'spikes' && f.i.length > 0)).toBe(true);
  }, 120_000);

  it('equals the JavaScript kernel bit for bit: conductance E/I network with Poisson GABA and an odd I population', async () => {
    const doc = shipped('ei-network', { 'populations.I.n': 201, 'inputs.bgI.receptor': 'gaba', 'stimuli.pulse.onset': 0.01 });
    await expectSameBits(doc, 600);
  }, 120_000);

  it('equals the JavaScript kernel bit for bit: current-based network', async () => {
    await expectSameBits(benchNetwork(999, 600), 600);
  }, 120_000);

  it('equals the JavaScript kernel bit for bit: place cells driven by grid cells through plastic synapses', async () => {
    await expectSameBits(shipped('place-map-formation', { 'populations.P.n': 1001 }), 300);
  }, 120_000);

  it('is named in the adapter only where a LIF population runs', () => {
    const adapter = (id: string) => new CpuBackend(layoutNetwork(parseScenario(shippedDocument(id)), 500)).adapter;
    expect(adapter('working-memory-ring-half')).toBe('cpu reference kernels, LIF in WebAssembly SIMD');
    expect(adapter('grid-attractor')).toBe('cpu reference kernels'); // a rate sheet
  });

  it('is built from its source (scripts/build-wasm.mjs --check)', () => {
    expect(() => execFileSync('node', ['scripts/build-wasm.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});
