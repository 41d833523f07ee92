// Pipelined chunks on the GPU backend (src/engine/simulation.ts step(), docs/architecture.md
// "Pipelined chunks"): with several chunks in flight a run gives exactly the frames of one
// chunk at a time, and apply(), reset() and dispose() during a multi-chunk step() act as documented.
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, type ProbeFrame } from '../../src/engine';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import { loadShipped, shippedDocument } from '../../src/scenario/registry';
import { applyPatch } from '../../src/scenario/patch';
import type { Scenario } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { samplesOf, spikesOf } from '../helpers/run';

/** ei-network with its current pulse at step 500: a stimulus event inside the run, off the 70-step chunk grid. */
const ei = () => parseScenario(applyPatch(shippedDocument('ei-network'), { 'stimuli.pulse.onset': 0.05 }));

const gpuEngine = (scenario: Scenario, maxStepsPerChunk: number, chunksInFlight: number) =>
  createEngine(scenario, { backend: 'gpu', gpu: nodeGpu(), maxStepsPerChunk, chunksInFlight });

/** The frames of one step(steps) call; it ends at stepIndex `end` (more than asked where it fast-forwards). */
async function run(scenario: Scenario, steps: number, maxStepsPerChunk: number, chunksInFlight: number, end = steps): Promise<ProbeFrame[]> {
  const engine = await gpuEngine(scenario, maxStepsPerChunk, chunksInFlight);
  const frames = await engine.step(steps);
  expect(engine.stepIndex).toBe(end);
  engine.dispose();
  return frames;
}

/** Calls `act` on the first frame a listener sees (during the first chunk's decoding), once. */
function onFirstFrame(engine: Engine, act: () => void): void {
  let done = false;
  engine.subscribe(() => {
    if (done) return;
    done = true;
    act();
  });
}

describe('pipelined chunks (GPU)', () => {
  it('several chunks in flight give exactly the frames of one chunk at a time', async () => {
    const scenario = ei();
    const sequential = await run(scenario, 900, 70, 1);
    expect(spikesOf(sequential, 'rasterE').t.length).toBeGreaterThan(20);
    expect(await run(scenario, 900, 70, 2)).toEqual(sequential);
    expect(await run(scenario, 900, 70, 3)).toEqual(sequential);
    // and one big chunk: the same spikes and samples, in other frames
    const whole = await run(scenario, 900, 1000, 1);
    for (const probe of ['rasterE', 'rasterI']) expect(spikesOf(whole, probe)).toEqual(spikesOf(sequential, probe));
    for (const probe of ['rateE', 'rateI', 'vE']) expect(samplesOf(whole, probe)).toEqual(samplesOf(sequential, probe));
  });

  it('the agent path, its rate map and a fast-forward are pipelined unchanged', async () => {
    const grid = loadShipped('grid-cells');
    expect(await run(grid, 400, 50, 2)).toEqual(await run(grid, 400, 50, 1));
    // tagging-and-capture: 10 chunks up to its first quiet period (step 10,000), then one
    // fast-forward of 60 slow steps of 10,000 (asked for 1 step more than 10,000)
    const tagging = loadShipped('tagging-and-capture');
    const sequential = await run(tagging, 10_001, 1000, 1, 610_000);
    expect(sequential.some((f) => f.kind === 'state' && f.t.length === 1 && f.t[0]! > 60)).toBe(true);
    expect(await run(tagging, 10_001, 1000, 2, 610_000)).toEqual(sequential);
  });

  it('apply() during a step takes effect from the first chunk submitted after it', async () => {
    const patch = { 'inputs.bgE.rate': 2500, 'projections.IE.weight': 2 };
    const scenario = ei();
    // the patch lands while chunk 0 (steps 0–99) is decoded: with 2 in flight chunk 1 is already submitted
    const live = await gpuEngine(scenario, 100, 2);
    onFirstFrame(live, () => live.apply(patch));
    const pipelined = await live.step(600);
    live.dispose();
    const reference = await gpuEngine(scenario, 100, 1);
    const before = await reference.step(200);
    reference.apply(patch);
    const expected = [...before, ...(await reference.step(400))];
    reference.dispose();
    expect(spikesOf(pipelined, 'rasterE')).toEqual(spikesOf(expected, 'rasterE'));
    expect(samplesOf(pipelined, 'vE')).toEqual(samplesOf(expected, 'vE'));
    // one chunk at a time, the next chunk (from step 100) is the first after it
    const single = await gpuEngine(scenario, 100, 1);
    onFirstFrame(single, () => single.apply(patch));
    const sequential = await single.step(600);
    single.dispose();
    const unpatched = await run(scenario, 600, 100, 1);
    const late = (frames: ProbeFrame[]) => spikesOf(frames, 'rasterE').t.filter((t) => t > 0.02);
    expect(late(sequential)).not.toEqual(late(pipelined));
    expect(late(pipelined)).not.toEqual(late(unpatched));
  });

  it('reset() during a step ends it after the chunk being decoded; the next run replays from t = 0', async () => {
    const scenario = ei();
    const fresh = await run(scenario, 500, 100, 2);
    const engine = await gpuEngine(scenario, 100, 2);
    onFirstFrame(engine, () => engine.reset());
    const cut = await engine.step(500);
    // the frames of chunk 0 only (the chunk in flight ran on the old state, before the reset's writes)
    expect(Math.max(...spikesOf(cut, 'rasterE').t)).toBeLessThanOrEqual(100 * scenario.dt);
    expect(engine.stepIndex).toBe(0);
    expect(await engine.step(500)).toEqual(fresh);
    engine.dispose();
  });

  it('dispose() during a step ends it without an error', async () => {
    const engine = await gpuEngine(ei(), 100, 2);
    onFirstFrame(engine, () => engine.dispose());
    const frames = await engine.step(500);
    expect(frames.length).toBeGreaterThan(0);
    await expect(engine.step(100)).rejects.toThrow(/disposed/);
  });
});
