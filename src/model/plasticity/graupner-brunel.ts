/**
 * Graupner & Brunel 2012 (PNAS 109:3991) calcium-based synapse: the analytic
 * (mean-field) estimate of the SI for periodic protocols, and a stochastic
 * reference that integrates many independent synapses with the full cubic
 * dynamics and noise.
 *
 * Model (parameters in parameter-sets.ts, `CalciumRuleParams`):
 *   c(t) = Σ_pre C_pre e^{−(t − t_pre − D)/τ_Ca} + Σ_post C_post e^{−(t − t_post)/τ_Ca}
 *   τ dρ/dt = −ρ(1 − ρ)(ρ* − ρ) + γ_p (1 − ρ) Θ[c − θ_p] − γ_d ρ Θ[c − θ_d]
 *             + σ √τ √(Θ[c − θ_p] + Θ[c − θ_d]) η(t)
 *
 * Analytic estimate (SI; the authors' synapticChange.changeInSynapticStrength):
 * with α_d, α_p the fractions of time c spends above θ_d, θ_p during the
 * protocol, neglecting the cubic term while stimulated, ρ is an
 * Ornstein–Uhlenbeck process with
 *   Γ_p = γ_p α_p,  Γ_d = γ_d α_d
 *   ρ̄ = Γ_p / (Γ_p + Γ_d)                       (asymptotic mean)
 *   σ_ρ² = σ² (α_p + α_d) / (Γ_p + Γ_d)          (twice the asymptotic variance)
 *   τ_eff = τ / (Γ_p + Γ_d)
 * After a protocol of duration T (= n/f) started at ρ0, ρ is Gaussian with mean
 * ρ̄ + (ρ0 − ρ̄) e^{−T/τ_eff} and variance (σ_ρ²/2)(1 − e^{−2T/τ_eff}). A synapse
 * ends UP if ρ > ρ*:
 *   U = ½ [1 + erf(−(ρ* − ρ̄ + ρ̄ e^{−T/τ_eff}) / √(σ_ρ² (1 − e^{−2T/τ_eff})))]        (DOWN → UP)
 *   D = ½ [1 − erf(−(ρ* − ρ̄ + (ρ̄ − 1) e^{−T/τ_eff}) / √(σ_ρ² (1 − e^{−2T/τ_eff})))]  (UP → DOWN)
 * and the change of synaptic strength (after/before, β initially DOWN, b = w1/w0) is
 *   [β(1 − U) + (1 − β) D + b (β U + (1 − β)(1 − D))] / [β + (1 − β) b].
 */
import type { CalciumRuleParams } from './parameter-sets';
import { erf, Rng } from './math';

/**
 * A periodic pairing protocol: n motifs at frequency f; each motif is
 * `preSpikes` presynaptic spikes starting at 0 and `postSpikes` postsynaptic
 * spikes starting at Δt, spikes of a burst `burstInterval` apart.
 */
export interface PairingProtocol {
  /** Δt = t_post − t_pre (s): > 0 pre before post. For bursts, the first post spike relative to the first pre spike. */
  readonly deltaT: number;
  /** Motif repetition frequency f (Hz). */
  readonly frequency: number;
  /** Number of motifs n; the protocol lasts T = n/f (gaps between trains excluded). */
  readonly pairs: number;
  /** Presynaptic spikes per motif (default 1). */
  readonly preSpikes?: number;
  /** Postsynaptic spikes per motif (default 1; 2 = the 1 pre : 2 post motif of Fig. 3). */
  readonly postSpikes?: number;
  /** Interval between spikes of a burst (s; default 11.5 ms as in the authors' Fig. 3 script). */
  readonly burstInterval?: number;
  /**
   * Motifs per train and the interval between train starts (s), e.g. Sjöström
   * et al. 2001: 5 pairs per train, trains every 10 s (0.1 Hz). Only the
   * stochastic simulation sees the gaps; the analytic estimate, like the
   * authors' Fig. 4 script, uses T = n/f and the periodic steady state.
   */
  readonly pairsPerTrain?: number;
  readonly trainInterval?: number;
}

/** One calcium transient of a motif: its time relative to the first presynaptic spike (delay included) and amplitude. */
export interface CalciumEvent {
  readonly time: number;
  readonly amplitude: number;
}

/** The calcium transients of one motif (presynaptic ones shifted by the delay D). */
export function motifCalciumEvents(p: CalciumRuleParams, proto: PairingProtocol): CalciumEvent[] {
  const burst = proto.burstInterval ?? 0.0115;
  const events: CalciumEvent[] = [];
  for (let k = 0; k < (proto.preSpikes ?? 1); k++) events.push({ time: k * burst + p.delay, amplitude: p.cPre });
  for (let k = 0; k < (proto.postSpikes ?? 1); k++) events.push({ time: proto.deltaT + k * burst, amplitude: p.cPost });
  return events;
}

/** x modulo T in [0, T); values within 1e-12·T below T (rounding of an exact multiple) map to 0. */
const mod = (x: number, T: number): number => {
  const r = ((x % T) + T) % T;
  return T - r < 1e-12 * T ? 0 : r;
};

/**
 * Periodic steady-state calcium at `phase` (s, any real; taken modulo the period
 * 1/f): every transient's tail from all earlier periods, Σ_s A_s e^{−φ_s/τ}/(1 − e^{−T/τ})
 * with φ_s the time since transient s modulo T. Right-continuous: at a
 * transient's own time the value includes its jump.
 */
export function steadyStateCalcium(p: CalciumRuleParams, proto: PairingProtocol, phase: number): number {
  const T = 1 / proto.frequency;
  const tail = 1 / (1 - Math.exp(-T / p.tauCa));
  let c = 0;
  for (const e of motifCalciumEvents(p, proto)) c += e.amplitude * Math.exp(-mod(phase - e.time, T) / p.tauCa);
  return c * tail;
}

export interface TimeFractions {
  /** α_d: fraction of time with c ≥ θ_d. */
  readonly alphaD: number;
  /** α_p: fraction of time with c ≥ θ_p. */
  readonly alphaP: number;
}

/**
 * Exact fractions of one steady-state period spent above θ_d and θ_p: between
 * consecutive transients c decays from its post-jump value c0 over a gap L, so
 * it stays above θ for min(L, τ_Ca ln(c0/θ)) when c0 > θ.
 */
export function timeFractions(p: CalciumRuleParams, proto: PairingProtocol): TimeFractions {
  const T = 1 / proto.frequency;
  const phases = motifCalciumEvents(p, proto).map((e) => mod(e.time, T)).sort((a, b) => a - b);
  let aboveD = 0;
  let aboveP = 0;
  for (let j = 0; j < phases.length; j++) {
    const start = phases[j]!;
    const next = j + 1 < phases.length ? phases[j + 1]! : phases[0]! + T;
    const gap = next - start;
    if (gap <= 0) continue;
    const c0 = steadyStateCalcium(p, proto, start);
    if (c0 > p.thetaD) aboveD += Math.min(gap, p.tauCa * Math.log(c0 / p.thetaD));
    if (c0 > p.thetaP) aboveP += Math.min(gap, p.tauCa * Math.log(c0 / p.thetaP));
  }
  return { alphaD: aboveD / T, alphaP: aboveP / T };
}

/** The same fractions by sampling the steady-state trace at `samples` points per period (a numerical check of `timeFractions`). */
export function timeFractionsSampled(p: CalciumRuleParams, proto: PairingProtocol, samples = 200_000): TimeFractions {
  const T = 1 / proto.frequency;
  let d = 0;
  let q = 0;
  for (let i = 0; i < samples; i++) {
    const c = steadyStateCalcium(p, proto, ((i + 0.5) / samples) * T);
    if (c >= p.thetaD) d++;
    if (c >= p.thetaP) q++;
  }
  return { alphaD: d / samples, alphaP: q / samples };
}

/**
 * Probability that a synapse starting at ρ0 ends above ρ* after time T when ρ
 * follows the OU process of the estimate. Its mean is ρ̄ + (ρ0 − ρ̄) e^{−T/τ_eff};
 * its variance is (σ_ρ²/2)(1 − e^{−2T/τ_eff}): with τ dρ = −(Γ_p + Γ_d)(ρ − ρ̄) dt
 * + σ √(α_p + α_d) √τ dW/τ the stationary variance is σ²(α_p + α_d)/(2(Γ_p + Γ_d)) = σ_ρ²/2,
 * which is why the paper's erf argument divides by √(σ_ρ²(1 − e^{−2T/τ_eff})) without a √2.
 * Returns P(ρ(T) > ρ*): U for ρ0 = 0, 1 − D for ρ0 = 1.
 */
export function probabilityAboveThreshold(rho0: number, rhoBar: number, sigmaRho2: number, tauEff: number, T: number, rhoStar: number): number {
  if (!Number.isFinite(tauEff)) return rho0 > rhoStar ? 1 : 0; // no plasticity: ρ stays put
  const decay = Math.exp(-T / tauEff);
  const mean = rhoBar + (rho0 - rhoBar) * decay;
  const s2 = sigmaRho2 * (1 - decay * decay); // = 2 × variance
  if (s2 <= 0) return mean > rhoStar ? 1 : 0;
  return 0.5 * (1 - erf((rhoStar - mean) / Math.sqrt(s2)));
}

/** Change of total synaptic strength (after/before) from the transition probabilities. */
export function strengthRatio(up: number, down: number, beta: number, b: number): number {
  const after = beta * (1 - up) + (1 - beta) * down + b * (beta * up + (1 - beta) * (1 - down));
  return after / (beta + (1 - beta) * b);
}

export interface AnalyticEstimate extends TimeFractions {
  readonly GammaP: number;
  readonly GammaD: number;
  /** ρ̄ (NaN when no threshold is crossed). */
  readonly rhoBar: number;
  /** σ_ρ² */
  readonly sigmaRho2: number;
  /** τ_eff (s; Infinity when no threshold is crossed). */
  readonly tauEff: number;
  /** Protocol duration T = n/f (s). */
  readonly duration: number;
  /** U: DOWN → UP transition probability. */
  readonly up: number;
  /** D: UP → DOWN transition probability. */
  readonly down: number;
  /** Change of synaptic strength, after/before. */
  readonly ratio: number;
}

/** The paper's analytic estimate for a periodic protocol (exact steady-state time fractions, T = n/f). */
export function analyticEstimate(p: CalciumRuleParams, proto: PairingProtocol): AnalyticEstimate {
  const { alphaD, alphaP } = timeFractions(p, proto);
  return estimateFromFractions(p, alphaD, alphaP, proto.pairs / proto.frequency);
}

/** The analytic estimate from given time fractions and duration T (s). */
export function estimateFromFractions(p: CalciumRuleParams, alphaD: number, alphaP: number, duration: number): AnalyticEstimate {
  const GammaP = p.gammaP * alphaP;
  const GammaD = p.gammaD * alphaD;
  const rate = GammaP + GammaD;
  const rhoBar = rate > 0 ? GammaP / rate : NaN;
  const sigmaRho2 = rate > 0 ? (p.sigma * p.sigma * (alphaP + alphaD)) / rate : 0;
  const tauEff = rate > 0 ? p.tau / rate : Infinity;
  const up = rate > 0 ? probabilityAboveThreshold(0, rhoBar, sigmaRho2, tauEff, duration, p.rhoStar) : 0;
  const down = rate > 0 ? 1 - probabilityAboveThreshold(1, rhoBar, sigmaRho2, tauEff, duration, p.rhoStar) : 0;
  return { alphaD, alphaP, GammaP, GammaD, rhoBar, sigmaRho2, tauEff, duration, up, down, ratio: strengthRatio(up, down, p.beta, p.b) };
}

/**
 * Deterministic part of τ dρ/dt for calcium c: −ρ(1−ρ)(ρ*−ρ) + γ_p(1−ρ)Θ[c−θ_p] − γ_d ρ Θ[c−θ_d].
 * Θ[x] is 1 for x ≥ 0 (the authors' C++ and Luboeinski's code use ≥).
 */
export function rhoDrift(p: CalciumRuleParams, rho: number, c: number): number {
  let f = -rho * (1 - rho) * (p.rhoStar - rho);
  if (c >= p.thetaP) f += p.gammaP * (1 - rho);
  if (c >= p.thetaD) f -= p.gammaD * rho;
  return f;
}

/** Absolute spike times (s) of a protocol: pre and post, sorted, with trains and gaps. */
export function protocolSpikeTimes(proto: PairingProtocol): { pre: number[]; post: number[]; end: number } {
  const T = 1 / proto.frequency;
  const burst = proto.burstInterval ?? 0.0115;
  const perTrain = proto.pairsPerTrain ?? proto.pairs;
  const trainInterval = proto.trainInterval ?? perTrain * T;
  const offset = Math.max(0, -proto.deltaT); // the first spike at t ≥ 0
  const pre: number[] = [];
  const post: number[] = [];
  for (let i = 0; i < proto.pairs; i++) {
    const t0 = offset + Math.floor(i / perTrain) * trainInterval + (i % perTrain) * T;
    for (let k = 0; k < (proto.preSpikes ?? 1); k++) pre.push(t0 + k * burst);
    for (let k = 0; k < (proto.postSpikes ?? 1); k++) post.push(t0 + proto.deltaT + k * burst);
  }
  pre.sort((a, b) => a - b);
  post.sort((a, b) => a - b);
  const last = Math.max(pre[pre.length - 1] ?? 0, post[post.length - 1] ?? 0);
  return { pre, post, end: last + T };
}

export interface StochasticOptions {
  /** Synapses simulated from each initial state (DOWN and UP); default 1000. */
  readonly synapses?: number;
  /** Euler–Maruyama step (s); default 0.2 ms. */
  readonly dt?: number;
  /** Step used while c < θ_d (only the slow cubic term acts, no noise); default 5 ms. */
  readonly quietDt?: number;
  readonly seed?: number;
}

export interface StochasticResult {
  /** Fraction of synapses started DOWN that end UP. */
  readonly up: number;
  /** Fraction of synapses started UP that end DOWN. */
  readonly down: number;
  readonly ratio: number;
  /** Time fractions of the simulated calcium trace over the protocol (first-period transients included). */
  readonly alphaD: number;
  readonly alphaP: number;
}

/**
 * Stochastic reference: M synapses from ρ = 0 and M from ρ = 1 driven by the
 * same calcium trace (spikes on the dt grid, exact exponential calcium decay),
 * full cubic drift and noise by Euler–Maruyama:
 *   ρ += rhoDrift(ρ, c) dt/τ + σ √(Θ_p + Θ_d) √(dt/τ) N(0, 1)
 * (ρ is not clipped; the drift confines it). After the last spike the
 * calcium decays and the trace runs on noise-free for one more period; a
 * synapse counts as UP when ρ > ρ* (noise-free relaxation from there is
 * deterministic, as in the authors' stdp_noisy.cpp which waits for convergence).
 */
export function simulateSynapses(p: CalciumRuleParams, proto: PairingProtocol, options: StochasticOptions = {}): StochasticResult {
  const M = options.synapses ?? 1000;
  const dt = options.dt ?? 0.0002;
  const quietDt = options.quietDt ?? 0.005;
  const rng = new Rng(options.seed ?? 1);
  const { pre, post, end } = protocolSpikeTimes(proto);
  const events = [
    ...pre.map((t) => ({ step: Math.round((t + p.delay) / dt), amp: p.cPre })),
    ...post.map((t) => ({ step: Math.round(t / dt), amp: p.cPost })),
  ].sort((a, b) => a.step - b.step);
  const totalSteps = Math.round(end / dt);
  const rho = new Float64Array(2 * M);
  for (let i = M; i < 2 * M; i++) rho[i] = 1;
  const decay = Math.exp(-dt / p.tauCa);
  const h = dt / p.tau;
  const noise = p.sigma * Math.sqrt(h);
  let c = 0;
  let next = 0;
  let stepsD = 0;
  let stepsP = 0;
  let quiet = 0; // accumulated quiet time not yet applied to ρ
  const flushQuiet = (): void => {
    // Only the cubic term acts: a few explicit steps of at most quietDt.
    while (quiet > 1e-12) {
      const s = Math.min(quiet, quietDt);
      const k = s / p.tau;
      for (let i = 0; i < 2 * M; i++) {
        const r = rho[i]!;
        rho[i] = r - k * r * (1 - r) * (p.rhoStar - r);
      }
      quiet -= s;
    }
    quiet = 0;
  };
  for (let step = 0; step < totalSteps; step++) {
    while (next < events.length && events[next]!.step === step) c += events[next++]!.amp;
    const thP = c >= p.thetaP ? 1 : 0;
    const thD = c >= p.thetaD ? 1 : 0;
    if (thD === 0 && thP === 0) {
      quiet += dt;
    } else {
      flushQuiet();
      stepsD += thD;
      stepsP += thP;
      const amp = noise * Math.sqrt(thP + thD);
      for (let i = 0; i < 2 * M; i++) {
        const r = rho[i]!;
        let f = -r * (1 - r) * (p.rhoStar - r);
        if (thP) f += p.gammaP * (1 - r);
        if (thD) f -= p.gammaD * r;
        rho[i] = r + f * h + amp * rng.gauss();
      }
    }
    c *= decay;
  }
  flushQuiet();
  let up = 0;
  let down = 0;
  for (let i = 0; i < M; i++) if (rho[i]! > p.rhoStar) up++;
  for (let i = M; i < 2 * M; i++) if (rho[i]! <= p.rhoStar) down++;
  const U = up / M;
  const D = down / M;
  const active = (proto.pairs / proto.frequency) / dt;
  return { up: U, down: D, ratio: strengthRatio(U, D, p.beta, p.b), alphaD: stepsD / active, alphaP: stepsP / active };
}
