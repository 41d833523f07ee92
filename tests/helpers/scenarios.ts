// Scenarios built for tests: small networks that exercise every kernel and route.
import type { ScenarioInput } from '../../src/scenario/schema';

/** Every kernel: conductance and current LIF, rate units with noise, sparse/dense/ring delivery and gathers, probes, stimuli. */
export function allKernelsScenario(): ScenarioInput {
  return {
    schemaVersion: 1,
    id: 'all-kernels',
    title: 'All kernels',
    seed: 7,
    dt: 0.0001,
    duration: 0.01,
    populations: [
      { id: 'E', kind: 'lif', n: 300, adaptIncrement: 2, tauAdapt: 0.05 },
      { id: 'I', kind: 'lif', n: 100, synapse: 'current', C: 0.2, gL: 20, tauRef: 0.001 },
      { id: 'R', kind: 'lif', n: 128 },
      { id: 'Q', kind: 'rate', n: 64, noise: 0.5, bias: 1, gain: 10 },
    ],
    projections: [
      { id: 'EE', from: 'E', to: 'E', receptor: 'ampa', weight: 0.8, connectivity: { kind: 'fixedInDegree', k: 20 } },
      { id: 'EEn', from: 'E', to: 'E', receptor: 'nmda', weight: 0.3, connectivity: { kind: 'fixedInDegree', k: 30 } },
      { id: 'EI', from: 'E', to: 'I', receptor: 'ampa', weight: 50, connectivity: { kind: 'fixedInDegree', k: 40 } },
      { id: 'IE', from: 'I', to: 'E', receptor: 'gaba', weight: 3, connectivity: { kind: 'fixedInDegree', k: 10, autapses: false } },
      { id: 'II', from: 'I', to: 'I', receptor: 'gaba', weight: -40, connectivity: { kind: 'allToAll' } },
      { id: 'RRa', from: 'R', to: 'R', receptor: 'ampa', weight: 0.5, connectivity: { kind: 'allToAll', profile: { kind: 'ring', jPlus: 3, sigma: 20 } } },
      { id: 'RRn', from: 'R', to: 'R', receptor: 'nmda', weight: 0.2, connectivity: { kind: 'allToAll', profile: { kind: 'ring', jPlus: 1.6, sigma: 14.4 } } },
      { id: 'ERn', from: 'E', to: 'R', receptor: 'nmda', weight: 0.1, connectivity: { kind: 'allToAll' } },
      { id: 'RR1', from: 'R', to: 'R', receptor: 'gaba', weight: 2, connectivity: { kind: 'oneToOne' } },
      { id: 'QQ', from: 'Q', to: 'Q', receptor: 'rate', weight: 0.01, connectivity: { kind: 'fixedInDegree', k: 8 } },
      { id: 'QQr', from: 'Q', to: 'Q', receptor: 'rate', weight: 0.02, connectivity: { kind: 'allToAll', profile: { kind: 'ring', jPlus: 2, sigma: 30 } } },
      { id: 'QE', from: 'Q', to: 'E', receptor: 'rate', weight: 2, connectivity: { kind: 'allToAll' } },
    ],
    inputs: [
      { id: 'bgE', kind: 'poisson', target: 'E', receptor: 'ampa', rate: 2000, weight: 2.5 },
      { id: 'bgEg', kind: 'poisson', target: 'E', receptor: 'gaba', rate: 500, weight: 1 },
      { id: 'bgI', kind: 'poisson', target: 'I', receptor: 'ampa', rate: 3000, weight: 30 },
      { id: 'bgR', kind: 'poisson', target: 'R', receptor: 'ampa', rate: 1800, weight: 3.1 },
    ],
    stimuli: [
      { id: 'cue', kind: 'current', target: 'R', amplitude: 0.3, onset: 0, duration: 0.005, profile: { kind: 'ring', center: 90, width: 15 } },
      { id: 'drive', kind: 'current', target: 'E', amplitude: 0.1, onset: 0, duration: 1, profile: { kind: 'range', from: 0, to: 100 } },
      { id: 'qin', kind: 'current', target: 'Q', amplitude: 0.5, onset: 0, duration: 1 },
    ],
    modulators: { dopamineD1: 1.3 },
    probes: [
      { id: 'sE', kind: 'spikes', population: 'E', maxNeurons: 150 },
      { id: 'sR', kind: 'spikes', population: 'R' },
      { id: 'rE', kind: 'rate', population: 'E', binSeconds: 0.0005, groupSize: 50 },
      { id: 'vE', kind: 'state', population: 'E', variable: 'v', indices: [0, 5, 299], everySteps: 2 },
      { id: 'qR', kind: 'state', population: 'Q', variable: 'r', indices: [1, 2, 3] },
    ],
  };
}
