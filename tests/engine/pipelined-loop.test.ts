// The simulation loop with chunks in flight, without a GPU: the CPU backend runs each chunk when
// runChunk is called (as the GPU backend submits it), here with its readouts held back a while
// so that several chunks are outstanding, as on the GPU (tests/gpu/pipelined-chunks.test.ts).
import { describe, expect, it } from 'vitest';
import type { ProbeFrame } from '../../src/engine';
import type { Readout } from '../../src/engine/backend';
import { CpuBackend } from '../../src/engine/cpu/cpu-backend';
import { layoutNetwork, type NetworkLayout } from '../../src/engine/plan';
import { Simulation } from '../../src/engine/simulation';
import { loadShipped, shippedDocument } from '../../src/scenario/registry';
import { applyPatch } from '../../src/scenario/patch';
import type { Scenario } from '../../src/scenario/schema';
import { parseScenario } from '../../src/scenario/validate';
import { spikesOf } from '../helpers/run';

/** A CPU backend that allows `chunksInFlight` chunks and resolves each readout a macrotask later; it logs submits and reads. */
class DelayedCpuBackend extends CpuBackend {
  readonly log: string[] = [];
  constructor(layout: NetworkLayout, readonly chunksInFlight: number) {
    super(layout);
  }
  override async runChunk(baseStep: number, steps: number): Promise<Readout> {
    this.log.push(`submit ${baseStep}`);
    const readout = await super.runChunk(baseStep, steps);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.log.push(`read ${baseStep}`);
    return readout;
  }
}

function simulation(scenario: Scenario, maxStepsPerChunk: number, chunksInFlight: number) {
  const layout = layoutNetwork(scenario, maxStepsPerChunk);
  const backend = new DelayedCpuBackend(layout, chunksInFlight);
  return { sim: new Simulation(scenario, layout, backend), backend };
}

async function run(scenario: Scenario, steps: number, maxStepsPerChunk: number, chunksInFlight: number): Promise<ProbeFrame[]> {
  const { sim } = simulation(scenario, maxStepsPerChunk, chunksInFlight);
  const frames = await sim.step(steps);
  expect(sim.stepIndex).toBe(steps);
  return frames;
}

const ei = () => parseScenario(applyPatch(shippedDocument('ei-network'), { 'stimuli.pulse.onset': 0.05 }));

describe('simulation loop with chunks in flight', () => {
  it('submits ahead and reads in order', async () => {
    const { sim, backend } = simulation(ei(), 100, 2);
    await sim.step(300);
    expect(backend.log).toEqual(['submit 0', 'submit 100', 'read 0', 'submit 200', 'read 100', 'read 200']);
  });

  it('gives the frames of one chunk at a time (stimulus event, agent, fast-forward)', async () => {
    const scenario = ei();
    const sequential = await run(scenario, 900, 70, 1);
    expect(spikesOf(sequential, 'rasterE').t.length).toBeGreaterThan(20);
    expect(await run(scenario, 900, 70, 2)).toEqual(sequential);
    expect(await run(scenario, 900, 70, 3)).toEqual(sequential);
    const grid = loadShipped('grid-cells');
    expect(await run(grid, 300, 40, 3)).toEqual(await run(grid, 300, 40, 1));
    const stdp = loadShipped('stdp-lab');
    expect(await run(stdp, 11_200, 1000, 2)).toEqual(await run(stdp, 11_200, 1000, 1));
  });

  it('a reset from a frame listener stops the step; chunks in flight are read and dropped', async () => {
    const scenario = ei();
    const fresh = await run(scenario, 400, 100, 2);
    const { sim, backend } = simulation(scenario, 100, 2);
    let done = false;
    sim.subscribe(() => {
      if (done) return;
      done = true;
      sim.reset();
    });
    await sim.step(400);
    expect(backend.log).toEqual(['submit 0', 'submit 100', 'read 0', 'read 100']);
    expect(sim.stepIndex).toBe(0);
    expect(await sim.step(400)).toEqual(fresh);
  });
});
