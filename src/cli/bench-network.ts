/**
 * The benchmark's LIF network: one current-based population of n cells with
 * sparse recurrent excitation (AMPA) and inhibition (GABA_A, fixed in-degree)
 * and Poisson drive, firing asynchronously at a few Hz independent of n.
 * Inputs per cell are capped so the whole network holds at most
 * MAX_SYNAPSES synapses (10^7 cells get 20 inputs instead of 100).
 */
import type { ScenarioInput } from '../scenario/schema';

export const MAX_SYNAPSES = 2e8;
/** Time step (s). */
export const BENCH_DT = 0.0001;
const IN_DEGREE = 100;

export function benchInDegree(n: number): number {
  return Math.max(10, Math.min(IN_DEGREE, Math.floor(MAX_SYNAPSES / n)));
}

export function benchNetwork(n: number, steps: number): ScenarioInput {
  const k = benchInDegree(n);
  const kExc = Math.round(0.8 * k);
  const kInh = k - kExc;
  // Weights in pA scale with 1/k so the mean recurrent input is the same at every size.
  return {
    schemaVersion: 1,
    id: `bench-lif-${n}`,
    title: `LIF benchmark, ${n} neurons`,
    seed: 1,
    dt: BENCH_DT,
    duration: steps * BENCH_DT,
    populations: [{ id: 'N', kind: 'lif', n, synapse: 'current', C: 0.25, gL: 12.5, tauRef: 0.002, tauAmpa: 0.005, tauGaba: 0.005 }],
    projections: [
      { id: 'exc', from: 'N', to: 'N', receptor: 'ampa', weight: 2400 / kExc, connectivity: { kind: 'fixedInDegree', k: kExc } },
      { id: 'inh', from: 'N', to: 'N', receptor: 'gaba', weight: -12000 / Math.max(1, kInh), connectivity: { kind: 'fixedInDegree', k: Math.max(1, kInh) } },
    ],
    inputs: [{ id: 'drive', kind: 'poisson', target: 'N', receptor: 'ampa', rate: 2000, weight: 30 }],
    // one-step bins: every timed step's spikes are counted, whatever the number of steps
    probes: [{ id: 'rate', kind: 'rate', population: 'N', binSeconds: BENCH_DT }],
  };
}

/** Presynaptic sources of the plasticity benchmark; the synapse count sets the postsynaptic population. */
export const PLASTICITY_BENCH_SOURCES = 1000;

/**
 * The plasticity benchmark: 1000 Poisson sources at 10 Hz onto LIF cells
 * firing at a few Hz (Poisson drive), all-to-all through one plastic
 * projection with the given rule, so every step updates every synapse.
 */
export function plasticityNetwork(rule: 'stdp' | 'calcium', synapses: number, steps: number): ScenarioInput {
  const post = Math.max(1, Math.round(synapses / PLASTICITY_BENCH_SOURCES));
  return {
    schemaVersion: 1,
    id: `bench-${rule}-${synapses}`,
    title: `plasticity benchmark, ${rule}, ${PLASTICITY_BENCH_SOURCES * post} synapses`,
    seed: 1,
    dt: BENCH_DT,
    duration: steps * BENCH_DT,
    populations: [
      { id: 'pre', kind: 'source', n: PLASTICITY_BENCH_SOURCES, rate: 10 },
      { id: 'post', kind: 'lif', n: post, synapse: 'current', C: 0.25, gL: 12.5, tauRef: 0.002, tauAmpa: 0.005 },
    ],
    projections: [{ id: 'plastic', from: 'pre', to: 'post', receptor: 'ampa', weight: 1, connectivity: { kind: 'allToAll' }, plasticity: { rule } }],
    inputs: [{ id: 'drive', kind: 'poisson', target: 'post', receptor: 'ampa', rate: 2000, weight: 30 }],
  };
}
