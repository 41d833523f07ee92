// Model math: rate units relax exactly to the rectified-linear steady state.
import { describe, expect, it } from 'vitest';
import { runCpu, samplesOf } from '../helpers/run';

describe('rate units', () => {
  it('relax as r(t) = f (1 − e^(−t/τ)) to f = min(rMax, gain · max(0, I − θ))', async () => {
    const tau = 0.02;
    const doc = {
      schemaVersion: 1 as const, id: 'rates', title: 'rates', dt: 0.0005, duration: 1,
      populations: [{ id: 'Q', kind: 'rate' as const, n: 3, tau, gain: 20, threshold: 1, rMax: 50 }],
      stimuli: [
        { id: 'a', kind: 'current' as const, target: 'Q', amplitude: 2, onset: 0, duration: 1, profile: { kind: 'range' as const, from: 0, to: 1 } },
        { id: 'b', kind: 'current' as const, target: 'Q', amplitude: 0.5, onset: 0, duration: 1, profile: { kind: 'range' as const, from: 1, to: 2 } },
        { id: 'c', kind: 'current' as const, target: 'Q', amplitude: 9, onset: 0, duration: 1, profile: { kind: 'range' as const, from: 2, to: 3 } },
      ],
      probes: [{ id: 'r', kind: 'state' as const, population: 'Q', variable: 'r', indices: [0, 1, 2] }],
    };
    const { frames } = await runCpu(doc, 400);
    const { t, values } = samplesOf(frames, 'r');
    for (let k = 0; k < t.length; k++) {
      const rise = 1 - Math.exp(-t[k]! / tau);
      expect(values[k]![0]).toBeCloseTo(20 * rise, 4); // gain (2 − 1)
      expect(values[k]![1]).toBe(0); // below threshold
      expect(values[k]![2]).toBeCloseTo(50 * rise, 4); // saturated at rMax
    }
  });
});
