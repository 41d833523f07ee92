/**
 * CPU reference of shaders/lif/lif-update.wgsl: one step of one LIF population.
 * Same arithmetic order as the shader; state is stored in f32 arrays, so the
 * two agree to f32 rounding of the transcendental functions (exp is expPoly,
 * src/model/exp.ts: < 1e-8 relative, inlined; the Poisson counts are drawn in
 * a separate pass, poissonCounts). Parameters are
 * read into locals once per call. The CPU backend runs its WebAssembly form
 * (wasm/lif-update.ts, the same bits) where it can; this is the reference.
 */
import type { Arenas, LifUpdateParams } from '../kernel-params';
import { RECORD_HEADER, SPIKE_HEADER } from '../kernel-params';
import { expPoly } from '../exp';
import { POISSON_TABLE_SIZE, poissonCounts } from '../rng';
import { beginSpikeStep, type SpikeStep } from './spike-step';

/** Section index of each LIF variable (× n from stateBase); matches LIF_SECTIONS. */
export const V = 0, REF = 1, S_AMPA = 2, S_GABA = 3, G_NMDA = 4, I_IN = 5, I_EXT = 6, X_NMDA = 7, S_NMDA = 8, G_ADAPT = 9;

/** the step's Poisson input counts per neuron (scratch, reused across calls) */
let countsAmpa = new Uint8Array(0), countsGaba = new Uint8Array(0);

/** What one step of a population shares across its neurons: the spike-list parity, the rate probe's bin, the draws' key and the idle NMDA decay. */
export interface LifStep extends SpikeStep {
  /**
   * NMDA gating decay over one step while x is too small to change k = 1/τ_decay + α x in f64 (no spike in
   * the last ~80 ms): then exp(−k dt) is exactly this value, so the cheap path gives the same bits.
   */
  decayNmdaIdle: number;
}

/** beginSpikeStep and the idle NMDA decay. */
export function beginLifStep(p: LifUpdateParams, a: Arenas, step: number, baseStep: number): LifStep {
  return { ...beginSpikeStep(p, a, step, baseStep), decayNmdaIdle: Math.exp(-p.nmdaDecayRate * p.dt) };
}

export function lifUpdate(p: LifUpdateParams, a: Arenas, step: number, baseStep: number): void {
  const { n, stateBase: b, accBase, conductance, decayAmpa, decayGaba, invScaleAmpa, invScaleGaba, wPoissonAmpa, wPoissonGaba } = p;
  const { gL, EL, Vth, Vreset, Eampa, Egaba, Enmda, mgFactor, iBias, dt, invC, refSteps } = p;
  const { nmdaDecayRate, alphaNmda, decayNmdaRise, recordLimit, recordCap, recordBase, countGroupSize } = p;
  const poissonAmpa = p.poissonAmpa !== 0, poissonGaba = p.poissonGaba !== 0, hasNmdaOut = p.hasNmdaOut !== 0;
  const hasNmdaIn = p.hasNmdaIn !== 0, hasRateIn = p.hasRateIn !== 0, hasStimulus = p.hasStimulus !== 0, adaptOn = p.adaptOn !== 0;
  const { decayAdapt, adaptIncrement, EK } = p;
  const { state: st, acc, spikes, record, counts } = a;
  const { parity, countsBin, key, decayNmdaIdle } = beginLifStep(p, a, step, baseStep);
  const listBase = p.spikeBase + SPIKE_HEADER + parity * n;
  const { tables } = a;
  const ampaCdf = p.poissonBase, gabaCdf = p.poissonBase + POISSON_TABLE_SIZE, streamAmpa = p.streamBase, streamGaba = p.streamBase + 1;
  if (countsAmpa.length < n) [countsAmpa, countsGaba] = [new Uint8Array(n), new Uint8Array(n)];
  if (poissonAmpa) poissonCounts(countsAmpa, n, tables, ampaCdf, key, streamAmpa);
  if (poissonGaba) poissonCounts(countsGaba, n, tables, gabaCdf, key, streamGaba);
  const vB = b + V * n, refB = b + REF * n, sAB = b + S_AMPA * n, sGB = b + S_GABA * n, gNB = b + G_NMDA * n;
  const iInB = b + I_IN * n, iExtB = b + I_EXT * n, xB = b + X_NMDA * n, sNB = b + S_NMDA * n, gAB = b + G_ADAPT * n;

  for (let i = 0; i < n; i++) {
    let sA = st[sAB + i]! * decayAmpa + acc[accBase + i]! * invScaleAmpa;
    let sG = st[sGB + i]! * decayGaba + acc[accBase + n + i]! * invScaleGaba;
    acc[accBase + i] = 0;
    acc[accBase + n + i] = 0;
    if (poissonAmpa) sA += countsAmpa[i]! * wPoissonAmpa;
    if (poissonGaba) sG += countsGaba[i]! * wPoissonGaba;
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
      // NMDA through the Mg block (Jahr & Stevens 1990); without NMDA input gN·B(V) is +0 whatever B
      const gNb = hasNmdaIn ? gN * (1 / (1 + mgFactor * expPoly(-0.062 * v))) : 0;
      let gTot = gL + gA;
      let iEq = gL * EL + gA * EK + iBias + iExt + iIn;
      if (conductance) {
        gTot += sA + sG + gNb;
        iEq += sA * Eampa + sG * Egaba + gNb * Enmda;
      } else {
        iEq += sA + sG + gNb;
      }
      const vInf = iEq / gTot;
      v = vInf + (v - vInf) * expPoly(-dt * gTot * invC);
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
      st[sNB + i] = sInf + (s - sInf) * (k === nmdaDecayRate ? decayNmdaIdle : expPoly(-k * dt));
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
