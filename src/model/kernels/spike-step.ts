/** What the step of every spiking population starts with (LIF, spike sources, grid and place cells). */
import type { Arenas } from '../kernel-params';
import { rngStepKey } from '../rng';

/** The parameters every spiking population's kernel has for its spike list, rate bins and draws. */
export interface SpikeStepParams {
  spikeBase: number;
  countsBase: number;
  binSteps: number;
  countGroups: number;
  seed: number;
}

export interface SpikeStep {
  /** which of the two spike lists this step writes (step & 1) */
  parity: number;
  /** index in `counts` of the rate bin row of this step */
  countsBin: number;
  /** the step's key of the population's draws (rngStepKey) */
  key: number;
}

/** Starts a step: clears the spike list that this step writes and returns the shared values. */
export function beginSpikeStep(p: SpikeStepParams, a: Arenas, step: number, baseStep: number): SpikeStep {
  const parity = step & 1;
  a.spikes[p.spikeBase + 1 - parity] = 0; // the other list is free: its delivery ran earlier this step
  return {
    parity,
    countsBin: p.countsBase + (Math.floor(step / p.binSteps) - Math.floor(baseStep / p.binSteps)) * p.countGroups,
    key: rngStepKey(p.seed, step),
  };
}
