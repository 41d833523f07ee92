/** CPU reference of shaders/rate/rate-update.wgsl: one step of one rate population (see src/model/rate.ts). */
import type { Arenas, RateUpdateParams } from '../kernel-params';
import { rngNormal } from '../rng';

/** Section index of each rate variable; matches RATE_SECTIONS. */
export const R = 0, R_I_IN = 1, R_I_EXT = 2;

export function rateUpdate(p: RateUpdateParams, a: Arenas, step: number): void {
  const { n, stateBase: b } = p;
  const st = a.state;
  for (let i = 0; i < n; i++) {
    let input = p.bias;
    if (p.hasRateIn) input += st[b + R_I_IN * n + i]!;
    if (p.hasStimulus) input += st[b + R_I_EXT * n + i]!;
    if (p.noiseOn) input += p.noise * rngNormal(p.seed, step, i, p.streamBase + 2);
    const f = Math.min(p.rMax, p.gain * Math.max(0, input - p.threshold));
    st[b + R * n + i] = f + (st[b + R * n + i]! - f) * p.decay;
  }
}
