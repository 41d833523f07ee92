/**
 * CPU reference of shaders/lif/lif-update.wgsl: one step of one LIF population.
 * Same arithmetic order as the shader; state is stored in f32 arrays, so the
 * two agree to f32 rounding of the transcendental functions.
 */
import type { Arenas, LifUpdateParams } from '../kernel-params';
import { RECORD_HEADER, SPIKE_HEADER } from '../kernel-params';
import { POISSON_TABLE_SIZE, poissonFromCdf, rngUniform } from '../rng';

/** Section index of each LIF variable (× n from stateBase); matches LIF_SECTIONS. */
export const V = 0, REF = 1, S_AMPA = 2, S_GABA = 3, G_NMDA = 4, I_IN = 5, I_EXT = 6, X_NMDA = 7, S_NMDA = 8;

export function lifUpdate(p: LifUpdateParams, a: Arenas, step: number, baseStep: number): void {
  const { n, stateBase: b } = p;
  const st = a.state;
  const parity = step & 1;
  a.spikes[p.spikeBase + 1 - parity] = 0; // the other list is free: its delivery ran earlier this step
  const ampaCdf = a.tables.subarray(p.poissonBase, p.poissonBase + POISSON_TABLE_SIZE);
  const gabaCdf = a.tables.subarray(p.poissonBase + POISSON_TABLE_SIZE, p.poissonBase + 2 * POISSON_TABLE_SIZE);
  for (let i = 0; i < n; i++) {
    let sA = st[b + S_AMPA * n + i]! * p.decayAmpa + a.acc[p.accBase + i]! * p.invScaleAmpa;
    let sG = st[b + S_GABA * n + i]! * p.decayGaba + a.acc[p.accBase + n + i]! * p.invScaleGaba;
    a.acc[p.accBase + i] = 0;
    a.acc[p.accBase + n + i] = 0;
    if (p.poissonAmpa) sA += poissonFromCdf(ampaCdf, rngUniform(p.seed, step, i, p.streamBase)) * p.wPoissonAmpa;
    if (p.poissonGaba) sG += poissonFromCdf(gabaCdf, rngUniform(p.seed, step, i, p.streamBase + 1)) * p.wPoissonGaba;
    const gN = p.hasNmdaIn ? st[b + G_NMDA * n + i]! : 0;
    const iIn = p.hasRateIn ? st[b + I_IN * n + i]! : 0;
    const iExt = p.hasStimulus ? st[b + I_EXT * n + i]! : 0;

    let v = st[b + V * n + i]!;
    let ref = st[b + REF * n + i]!;
    let spiked = false;
    if (ref > 0) {
      v = p.Vreset;
      ref -= 1;
    } else {
      const mgB = 1 / (1 + p.mgFactor * Math.exp(-0.062 * v));
      const gNb = gN * mgB;
      let gTot = p.gL;
      let iEq = p.gL * p.EL + p.iBias + iExt + iIn;
      if (p.conductance) {
        gTot += sA + sG + gNb;
        iEq += sA * p.Eampa + sG * p.Egaba + gNb * p.Enmda;
      } else {
        iEq += sA + sG + gNb;
      }
      const vInf = iEq / gTot;
      v = vInf + (v - vInf) * Math.exp(-p.dt * gTot * p.invC);
      if (v >= p.Vth) {
        spiked = true;
        v = p.Vreset;
        ref = p.refSteps;
      }
    }
    st[b + V * n + i] = v;
    st[b + REF * n + i] = ref;
    st[b + S_AMPA * n + i] = sA;
    st[b + S_GABA * n + i] = sG;

    if (p.hasNmdaOut) {
      // Saturating NMDA gating, exponential Euler with x held over the step (Wang 1999).
      const x = st[b + X_NMDA * n + i]!;
      const s = st[b + S_NMDA * n + i]!;
      const k = p.nmdaDecayRate + p.alphaNmda * x;
      const sInf = (p.alphaNmda * x) / k;
      st[b + S_NMDA * n + i] = sInf + (s - sInf) * Math.exp(-k * p.dt);
      st[b + X_NMDA * n + i] = x * p.decayNmdaRise + (spiked ? 1 : 0);
    }

    if (spiked) {
      const slot = a.spikes[p.spikeBase + parity]!++;
      a.spikes[p.spikeBase + SPIKE_HEADER + parity * n + slot] = i;
      if (i < p.recordLimit) {
        const r = a.record[p.recordBase]!++;
        if (r < p.recordCap) {
          a.record[p.recordBase + RECORD_HEADER + 2 * r] = step - baseStep;
          a.record[p.recordBase + RECORD_HEADER + 2 * r + 1] = i;
        }
      }
      if (p.countGroupSize > 0) {
        const bin = Math.floor(step / p.binSteps) - Math.floor(baseStep / p.binSteps);
        a.counts[p.countsBase + bin * p.countGroups + Math.floor(i / p.countGroupSize)]!++;
      }
    }
  }
}
