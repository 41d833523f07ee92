// The WebGPU engine end to end in Node (Dawn; SwiftShader in CI): same run as
// the CPU backend, typed errors, device limits.
import { describe, expect, it } from 'vitest';
import { createEngine, DeviceLostError, WebGpuUnavailableError } from '../../src/engine';
import { GpuBackend } from '../../src/engine/gpu/gpu-backend';
import { kernelParams, layoutNetwork } from '../../src/engine/plan';
import { testDevice } from '../helpers/gpu';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import { ScenarioError } from '../../src/scenario/errors';
import { loadShipped, shippedDocument } from '../../src/scenario/registry';
import { applyPatch } from '../../src/scenario/patch';
import { parseScenario } from '../../src/scenario/validate';
import { samplesOf, spikesOf } from '../helpers/run';

describe('GPU engine', () => {
  it('reproduces the CPU run of the default scenario spike for spike', async () => {
    const scenario = parseScenario(applyPatch(shippedDocument('ei-network'), { 'stimuli.pulse.onset': 0.05 }));
    const runs = [];
    for (const backend of ['cpu', 'gpu'] as const) {
      const engine = await createEngine(scenario, { backend, gpu: nodeGpu(), maxStepsPerChunk: 500 });
      expect(engine.backend).toBe(backend);
      runs.push([...(await engine.step(1200)), ...(await engine.step(800))]);
      if (backend === 'gpu') expect(engine.adapter).not.toBe('');
      engine.dispose();
    }
    const [cpu, gpu] = runs as [typeof runs[0], typeof runs[0]];
    const spikes = spikesOf(cpu, 'rasterE');
    expect(spikes.t.length).toBeGreaterThan(50);
    expect(spikesOf(gpu, 'rasterE')).toEqual(spikes);
    expect(spikesOf(gpu, 'rasterI')).toEqual(spikesOf(cpu, 'rasterI'));
    expect(samplesOf(gpu, 'rateE')).toEqual(samplesOf(cpu, 'rateE'));
    const vc = samplesOf(cpu, 'vE').values.flat();
    const vg = samplesOf(gpu, 'vE').values.flat();
    expect(vg.length).toBe(vc.length);
    vg.forEach((v, k) => expect(Math.abs(v - vc[k]!)).toBeLessThan(1e-3));
  });

  it('applies a live patch on the GPU as on the CPU', async () => {
    const results = [];
    for (const backend of ['cpu', 'gpu'] as const) {
      const engine = await createEngine(loadShipped('ei-network'), { backend, gpu: nodeGpu() });
      await engine.step(300);
      engine.apply({ 'inputs.bgE.rate': 2500, 'projections.IE.weight': 2 });
      results.push(spikesOf(await engine.step(500), 'rasterE'));
      engine.dispose();
    }
    expect(results[0]!.t.length).toBeGreaterThan(0);
    expect(results[1]).toEqual(results[0]);
  });

  it('throws WebGpuUnavailableError without WebGPU, and falls back to the CPU on auto', async () => {
    await expect(createEngine(loadShipped('ei-network'), { backend: 'gpu' })).rejects.toBeInstanceOf(WebGpuUnavailableError);
    const engine = await createEngine(loadShipped('ei-network'), { backend: 'auto' });
    expect(engine.backend).toBe('cpu');
  });

  it('reports a lost device as DeviceLostError instead of running on', async () => {
    const scenario = loadShipped('ei-network');
    const layout = layoutNetwork(scenario, 100);
    const { device, adapterName } = await testDevice();
    const backend = new GpuBackend(device, adapterName, layout);
    backend.writeParams(kernelParams(layout, scenario));
    await backend.runChunk(0, 10);
    device.destroy();
    await device.lost;
    await expect(backend.runChunk(10, 10)).rejects.toBeInstanceOf(DeviceLostError);
  });

  it('refuses a network larger than the device allows, naming the field', async () => {
    const big = parseScenario(applyPatch(shippedDocument('ei-network'), { 'populations.E.n': 8_000_000, 'projections.EE.connectivity.k': 80 }));
    const err = await createEngine(big, { backend: 'gpu', gpu: nodeGpu() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).path).toBe('projections.EE.connectivity');
    expect((err as Error).message).toMatch(/MiB conn buffer; this device allows/);
  });

  it('names a rateMap probe\'s bins when its maps are what outgrows the device', async () => {
    // 512² sheet cells × 100² bins: 10 GiB of maps in state
    const big = parseScenario(applyPatch(shippedDocument('grid-attractor'), { 'populations.sheet.side': 512, 'probes.maps.binSize': 0.01 }));
    const err = await createEngine(big, { backend: 'gpu', gpu: nodeGpu() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).path).toBe('probes.maps.binSize');
    expect((err as Error).message).toMatch(/MiB state buffer; this device allows .*262144 cells × 10000 bins/);
  });
});
