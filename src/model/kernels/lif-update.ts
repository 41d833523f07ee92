/**
 * CPU reference of shaders/lif/lif-update.wgsl: one step of one LIF population.
 * Same arithmetic order as the shader; state is stored in f32 arrays, so the
 * two agree to f32 rounding of the transcendental functions. Parameters are
 * read into locals once per call: this loop is the CPU backend's hot path.
 */
import type { Arenas, LifUpdateParams } from '../kernel-params';
import { RECORD_HEADER, SPIKE_HEADER } from '../kernel-params';
import { POISSON_TABLE_SIZE, poissonFromCdf, rngFromStepKey, rngStepKey, u32ToUniform } from '../rng';

/** Section index of each LIF variable (× n from stateBase); matches LIF_SECTIONS. */
export const V = 0, REF = 1, S_AMPA = 2, S_GABA = 3, G_NMDA = 4, I_IN = 5, I_EXT = 6, X_NMDA = 7, S_NMDA = 8, G_ADAPT = 9;

export function lifUpdate(p: LifUpdateParams, a: Arenas, step: number, baseStep: number): void {
  const { n, stateBase: b, accBase, conductance, decayAmpa, decayGaba, invScaleAmpa, invScaleGaba, wPoissonAmpa, wPoissonGaba } = p;
  const { gL, EL, Vth, Vreset, Eampa, Egaba, Enmda, mgFactor, iBias, dt, invC, refSteps } = p;
  const { nmdaDecayRate, alphaNmda, decayNmdaRise, recordLimit, recordCap, recordBase, countGroupSize, countGroups, binSteps } = p;
  const poissonAmpa = p.poissonAmpa !== 0, poissonGaba = p.poissonGaba !== 0, hasNmdaOut = p.hasNmdaOut !== 0;
  const hasNmdaIn = p.hasNmdaIn !== 0, hasRateIn = p.hasRateIn !== 0, hasStimulus = p.hasStimulus !== 0, adaptOn = p.adaptOn !== 0;
  const { decayAdapt, adaptIncrement, EK } = p;
  const { state: st, acc, spikes, record, counts } = a;
  const parity = step & 1;
  spikes[p.spikeBase + 1 - parity] = 0; // the other list is free: its delivery ran earlier this step
  const listBase = p.spikeBase + SPIKE_HEADER + parity * n;
  const ampaCdf = a.tables.subarray(p.poissonBase, p.poissonBase + POISSON_TABLE_SIZE);
  const gabaCdf = a.tables.subarray(p.poissonBase + POISSON_TABLE_SIZE, p.poissonBase + 2 * POISSON_TABLE_SIZE);
  const key = rngStepKey(p.seed, step);
  const countsBin = p.countsBase + (Math.floor(step / binSteps) - Math.floor(baseStep / binSteps)) * countGroups;
  const [vB, refB, sAB, sGB, gNB, iInB, iExtB, xB, sNB, gAB] = [V, REF, S_AMPA, S_GABA, G_NMDA, I_IN, I_EXT, X_NMDA, S_NMDA, G_ADAPT].map((k) => b + k * n) as
    [number, number, number, number, number, number, number, number, number, number];

  for (let i = 0; i < n; i++) {
    let sA = st[sAB + i]! * decayAmpa + acc[accBase + i]! * invScaleAmpa;
    let sG = st[sGB + i]! * decayGaba + acc[accBase + n + i]! * invScaleGaba;
    acc[accBase + i] = 0;
    acc[accBase + n + i] = 0;
    if (poissonAmpa) sA += poissonFromCdf(ampaCdf, u32ToUniform(rngFromStepKey(key, i, p.streamBase))) * wPoissonAmpa;
    if (poissonGaba) sG += poissonFromCdf(gabaCdf, u32ToUniform(rngFromStepKey(key, i, p.streamBase + 1))) * wPoissonGaba;
    const gN = hasNmdaIn ? st[gNB + i]! : 0;
    const iIn = hasRateIn ? st[iInB + i]! : 0;
    const iExt = hasStimulus ? st[iExtB + i]! : 0;
    const gA = adaptOn ? st[gAB + i]! * decayAdapt : 0;

    let v = st[vB + i]!;
    let ref = st[refB + i]!;
    let spiked = false;
    if (ref > 0) {
      v = Vreset;
      ref -= 1;
    } else {
      const mgB = 1 / (1 + mgFactor * Math.exp(-0.062 * v));
      const gNb = gN * mgB;
      let gTot = gL + gA;
      let iEq = gL * EL + gA * EK + iBias + iExt + iIn;
      if (conductance) {
        gTot += sA + sG + gNb;
        iEq += sA * Eampa + sG * Egaba + gNb * Enmda;
      } else {
        iEq += sA + sG + gNb;
      }
      const vInf = iEq / gTot;
      v = vInf + (v - vInf) * Math.exp(-dt * gTot * invC);
      if (v >= Vth) {
        spiked = true;
        v = Vreset;
        ref = refSteps;
      }
    }
    st[vB + i] = v;
    st[refB + i] = ref;
    st[sAB + i] = sA;
    st[sGB + i] = sG;
    if (adaptOn) st[gAB + i] = gA + (spiked ? adaptIncrement : 0);

    if (hasNmdaOut) {
      // Saturating NMDA gating, exponential Euler with x held over the step (Wang 1999).
      const x = st[xB + i]!;
      const s = st[sNB + i]!;
      const k = nmdaDecayRate + alphaNmda * x;
      const sInf = (alphaNmda * x) / k;
      st[sNB + i] = sInf + (s - sInf) * Math.exp(-k * dt);
      st[xB + i] = x * decayNmdaRise + (spiked ? 1 : 0);
    }

    if (spiked) {
      spikes[listBase + spikes[p.spikeBase + parity]!++] = i;
      if (i < recordLimit) {
        const r = record[recordBase]!++;
        if (r < recordCap) {
          record[recordBase + RECORD_HEADER + 2 * r] = step - baseStep;
          record[recordBase + RECORD_HEADER + 2 * r + 1] = i;
        }
      }
      if (countGroupSize > 0) counts[countsBin + Math.floor(i / countGroupSize)]!++;
    }
  }
}
