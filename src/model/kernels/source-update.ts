/**
 * CPU reference of shaders/source/source-update.wgsl: one step of a spike-source
 * population. Neuron i fires on its schedule (trains of `count` pulses of
 * `burst` spikes, starting at onsetSteps + round(i · offsetSteps)) and/or as a
 * Poisson process. Spikes go to the step's spike list, the record and the rate
 * counts exactly as a LIF population's do.
 */
import type { Arenas, SourceUpdateParams } from '../kernel-params';
import { RECORD_HEADER, SPIKE_HEADER } from '../kernel-params';
import { rngFromStepKey, u32ToUniform } from '../rng';
import { beginSpikeStep } from './spike-step';

/** Whether neuron i's schedule has a spike at `step` (integer step arithmetic; the start in f32 as on the GPU). */
export function scheduledSpike(p: SourceUpdateParams, i: number, step: number): boolean {
  if (p.count === 0) return false;
  const start = p.onsetSteps + Math.floor(Math.fround(Math.fround(i * Math.fround(p.offsetSteps)) + 0.5));
  const t = step - start;
  if (t < 0) return false;
  const train = p.trains > 1 ? Math.floor(t / p.trainSteps) : 0; // one train: no wrap at trainInterval
  if (train >= p.trains) return false;
  const inTrain = t - train * p.trainSteps;
  const interval = p.freqStepDt === 0 ? p.intervalSteps : sweptInterval(p, i);
  const pulse = Math.floor(inTrain / interval);
  if (pulse >= p.count) return false;
  const inPulse = inTrain - pulse * interval;
  return inPulse % p.burstSteps === 0 && inPulse / p.burstSteps < p.burst;
}

/** Neuron i's pulse interval in steps in a frequency sweep, in f32 as on the GPU. */
function sweptInterval(p: SourceUpdateParams, i: number): number {
  const f = Math.fround(Math.fround(p.freq0Dt) + Math.fround(i * Math.fround(p.freqStepDt)));
  return Math.max(1, Math.floor(Math.fround(Math.fround(1 / f) + 0.5)));
}

export function sourceUpdate(p: SourceUpdateParams, a: Arenas, step: number, baseStep: number): void {
  const n = p.n;
  const { spikes, record, counts } = a;
  const { parity, countsBin, key } = beginSpikeStep(p, a, step, baseStep);
  const listBase = p.spikeBase + SPIKE_HEADER + parity * n;
  for (let i = 0; i < n; i++) {
    const poisson = p.poissonOn !== 0 && u32ToUniform(rngFromStepKey(key, i, p.streamBase)) < Math.fround(p.pSpike);
    if (!poisson && !scheduledSpike(p, i, step)) continue;
    spikes[listBase + spikes[p.spikeBase + parity]!++] = i;
    if (i < p.recordLimit) {
      const r = record[p.recordBase]!++;
      if (r < p.recordCap) {
        record[p.recordBase + RECORD_HEADER + 2 * r] = step - baseStep;
        record[p.recordBase + RECORD_HEADER + 2 * r + 1] = i;
      }
    }
    if (p.countGroupSize > 0) counts[countsBin + Math.floor(i / p.countGroupSize)]!++;
  }
}
