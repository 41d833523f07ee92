// GPU parity: every WGSL kernel against its CPU reference on a real WebGPU
// implementation (Dawn on SwiftShader in CI). Both backends start from the
// same randomised state and run the same dispatch list; every arena is compared.
import { describe, expect, it } from 'vitest';
import type { Arenas } from '../../src/model/kernel-params';
import { LIF_SECTIONS } from '../../src/model/lif';
import { rngUniform } from '../../src/model/rng';
import type { Backend } from '../../src/engine/backend';
import { CpuBackend } from '../../src/engine/cpu/cpu-backend';
import { GpuBackend } from '../../src/engine/gpu/gpu-backend';
import { buildConnectivity, kernelParams, layoutNetwork, type NetworkLayout, sectionOffset, stimulusCurrent } from '../../src/engine/plan';
import { parseScenario } from '../../src/scenario/validate';
import type { Scenario } from '../../src/scenario/schema';
import { testDevice } from '../helpers/gpu';
import { allKernelsScenario } from '../helpers/scenarios';

/** A state with every variable away from zero, so every term of every kernel matters. */
function randomState(layout: NetworkLayout, s: Scenario): Float32Array {
  const state = new Float32Array(layout.sizes.state);
  const u = (i: number, k: number) => rngUniform(99, k, i, 5);
  for (const pop of layout.populations) {
    const spec = s.populations[pop.index]!;
    for (let i = 0; i < pop.n; i++) {
      if (spec.kind === 'lif') {
        const at = (v: string) => sectionOffset(pop, v) + i;
        state[at('v')] = spec.EL + u(i, 0) * (spec.Vth - spec.EL + 2);
        state[at('refSteps')] = u(i, 1) < 0.1 ? 3 : 0;
        state[at('sAmpa')] = u(i, 2) * 5;
        state[at('sGaba')] = spec.synapse === 'current' ? -u(i, 3) * 50 : u(i, 3) * 5;
        state[at('xNmda')] = u(i, 4);
        state[at('sNmda')] = u(i, 5) * 0.8;
        state[at('gNmda')] = u(i, 6) * 3;
        state[at('gAdapt')] = u(i, 8) * 4;
      } else {
        state[sectionOffset(pop, 'r') + i] = u(i, 7) * 20;
      }
    }
  }
  return state;
}

async function runBoth(steps: number) {
  const scenario = parseScenario(allKernelsScenario());
  const layout = layoutNetwork(scenario, 16);
  const { device, adapterName } = await testDevice();
  const backends: Backend[] = [new CpuBackend(layout), new GpuBackend(device, adapterName, layout)];
  const state = randomState(layout, scenario);
  const readouts = [];
  for (const b of backends) {
    b.writeParams(kernelParams(layout, scenario));
    b.writeConnectivity(buildConnectivity(layout, scenario));
    b.writeState(state);
    for (const pop of layout.populations) if (pop.hasStimulus) b.writeStimulus(pop, stimulusCurrent(pop, scenario, 0));
    readouts.push(await b.runChunk(0, steps));
  }
  const [cpu, gpu] = (await Promise.all(backends.map((b) => b.readArenas()))) as [Arenas, Arenas];
  backends.forEach((b) => b.dispose());
  return { layout, cpu, gpu, readouts };
}

function maxRelDiff(a: Float32Array, b: Float32Array, from: number, to: number): { worst: number; at: number } {
  let worst = 0;
  let at = -1;
  for (let k = from; k < to; k++) {
    const d = Math.abs(a[k]! - b[k]!) / (1e-3 + Math.abs(a[k]!));
    if (d > worst) [worst, at] = [d, k];
  }
  return { worst, at };
}

const sortedList = (a: Uint32Array, base: number, count: number) => Array.from(a.subarray(base, base + count)).sort((x, y) => x - y);

describe('GPU kernels match their CPU references', () => {
  for (const steps of [1, 6]) {
    it(`after ${steps} step(s) of a network that uses every kernel`, async () => {
      const { layout, cpu, gpu, readouts } = await runBoth(steps);
      // Some of every kind of event must have happened, or the comparison proves little.
      const E = layout.populations[0]!;
      expect(readouts[0]!.record[E.recordBase], 'recorded E spikes').toBeGreaterThan(0);
      for (const pop of layout.populations.filter((p) => p.recordLimit > 0)) {
        expect(readouts[0]!.record[pop.recordBase], `recorded ${pop.spec.id} spikes`).toBeGreaterThan(steps > 1 ? 3 : 0);
      }

      for (const pop of layout.populations) {
        const names: readonly string[] = pop.spec.kind === 'lif' ? LIF_SECTIONS : ['r', 'iIn', 'iExt'];
        names.forEach((name) => {
          const base = sectionOffset(pop, name);
          const { worst, at } = maxRelDiff(cpu.state, gpu.state, base, base + pop.n);
          expect(worst, `${pop.spec.id}.${name} (neuron ${at - base}): cpu ${cpu.state[at]} gpu ${gpu.state[at]}`).toBeLessThan(2e-4);
        });
        if (pop.spec.kind !== 'lif') continue;
        expect(Array.from(gpu.acc.subarray(pop.accBase, pop.accBase + 2 * pop.n)), `${pop.spec.id} accumulators`).toEqual(Array.from(cpu.acc.subarray(pop.accBase, pop.accBase + 2 * pop.n)));
        for (const parity of [0, 1]) {
          const count = cpu.spikes[pop.spikeBase + parity]!;
          expect(gpu.spikes[pop.spikeBase + parity], `${pop.spec.id} spike count, parity ${parity}`).toBe(count);
          const list = pop.spikeBase + 4 + parity * pop.n;
          expect(sortedList(gpu.spikes, list, count)).toEqual(sortedList(cpu.spikes, list, count));
        }
      }
      // Probe outputs of the chunk (read back before clearing).
      const [rc, rg] = readouts as [typeof readouts[0], typeof readouts[0]];
      expect(Array.from(rg.counts)).toEqual(Array.from(rc.counts));
      for (const pop of layout.populations.filter((p) => p.recordLimit > 0)) {
        const total = rc.record[pop.recordBase]!;
        expect(rg.record[pop.recordBase]).toBe(total);
        const pairs = (r: Uint32Array) => Array.from({ length: total }, (_, k) => `${r[pop.recordBase + 4 + 2 * k]}:${r[pop.recordBase + 5 + 2 * k]}`).sort();
        expect(pairs(rg.record)).toEqual(pairs(rc.record));
      }
      const { worst } = maxRelDiff(rc.samples, rg.samples, 0, rc.samples.length);
      expect(worst).toBeLessThan(2e-4);
    });
  }
});
