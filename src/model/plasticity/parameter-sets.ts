/**
 * Published parameter sets of the plasticity rules, as plain typed data.
 *
 * Units: time in seconds, rates in Hz, membrane potentials in mV; calcium is
 * dimensionless (jumps and thresholds in the same arbitrary unit); synaptic
 * efficacies are dimensionless unless stated. Every number carries its source;
 * "verified" names the public file it was checked against.
 */

// ─────────────────────────────────────────────────────────────────────────────
// Graupner & Brunel 2012, PNAS 109:3991 — calcium-based rule
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Calcium-based rule (Graupner & Brunel 2012, eqs. 1–2 and SI):
 *
 *   c(t) = Σ_pre C_pre e^{−(t − t_pre − D)/τ_Ca} Θ(t − t_pre − D) + Σ_post C_post e^{−(t − t_post)/τ_Ca} Θ(t − t_post)
 *   τ dρ/dt = −ρ(1 − ρ)(ρ* − ρ) + γ_p (1 − ρ) Θ[c − θ_p] − γ_d ρ Θ[c − θ_d]
 *             + σ √τ √(Θ[c − θ_p] + Θ[c − θ_d]) η(t)          (η: unit Gaussian white noise)
 *
 * ρ ∈ [0, 1] is bistable (DOWN ρ = 0, UP ρ = 1, unstable ρ*). A synapse in the
 * DOWN state has weight w0, in the UP state w1 = b·w0. A fraction β of the
 * synapses starts DOWN (the authors' code calls it `init_down`: see
 * numericalSimulation/stdp_noisy.cpp, where `syn_strength` puts β on the DOWN
 * side), so the strength before a protocol is β + (1 − β) b in units of w0.
 */
export interface CalciumRuleParams {
  /** τ_Ca, calcium decay time constant (s). */
  readonly tauCa: number;
  /** C_pre, calcium jump per presynaptic spike (after the delay D). */
  readonly cPre: number;
  /** C_post, calcium jump per postsynaptic spike. */
  readonly cPost: number;
  /** θ_d, depression threshold. */
  readonly thetaD: number;
  /** θ_p, potentiation threshold. */
  readonly thetaP: number;
  /** γ_d, depression rate (in units of 1/τ). */
  readonly gammaD: number;
  /** γ_p, potentiation rate (in units of 1/τ). */
  readonly gammaP: number;
  /** σ, noise amplitude (dimensionless; enters as σ√τ η). */
  readonly sigma: number;
  /** τ, time constant of the efficacy ρ (s). */
  readonly tau: number;
  /** ρ*, the unstable fixed point separating the DOWN and UP basins. */
  readonly rhoStar: number;
  /** D, delay of the presynaptically evoked calcium transient (s). */
  readonly delay: number;
  /** β, fraction of synapses initially in the DOWN state (ρ = 0); the rest start UP. */
  readonly beta: number;
  /** b = w1/w0, ratio of UP to DOWN synaptic weight. */
  readonly b: number;
}

/**
 * The 'DP' set of Fig. 2 (Table S1): the generic depression–potentiation STDP
 * curve, pairs at 1 Hz. Not a fit to data (the fits are the three sets below).
 * Verified: mgraupe/CalciumBasedPlasticityModel (the first author's code),
 * synapticChange.py, choseParameterSet('DP'); and numericalSimulation/output/
 * DP_curve/camkmotifscan.par (τ = 3 s there with γ and σ rescaled: 4/3 s⁻¹ =
 * 200/150 s, 6.43616/3 s⁻¹ = 321.808/150 s, 0.4/√3 = 2.8284/√150).
 */
export const GB2012_DP: CalciumRuleParams = {
  tauCa: 0.02, cPre: 1, cPost: 2, thetaD: 1, thetaP: 1.3, gammaD: 200, gammaP: 321.808,
  sigma: 2.8284, tau: 150, rhoStar: 0.5, delay: 0.0137, beta: 0.5, b: 5,
};

/**
 * 'Cortical slices' set (Fig. 4): fitted to Sjöström, Turrigiano & Nelson 2001
 * (Neuron 32:1149), L5 visual cortex, frequency dependence of STDP.
 * Verified: mgraupe/CalciumBasedPlasticityModel synapticChange.py, choseParameterSet('cortical slices').
 */
export const GB2012_CORTICAL_SLICES: CalciumRuleParams = {
  tauCa: 0.0226936, cPre: 0.5617539, cPost: 1.23964, thetaD: 1, thetaP: 1.3, gammaD: 331.909, gammaP: 725.085,
  sigma: 3.3501, tau: 346.3615, rhoStar: 0.5, delay: 0.0046098, beta: 0.5, b: 5.40988,
};

/**
 * 'Hippocampal cultures' set: fitted to Wang, Gerkin, Nauen & Bi 2005 (Nat
 * Neurosci 8:187), spike triplets/quadruplets in cultured hippocampal neurons.
 * Verified: mgraupe/CalciumBasedPlasticityModel synapticChange.py, choseParameterSet('hippocampal cultures').
 */
export const GB2012_HIPPOCAMPAL_CULTURES: CalciumRuleParams = {
  tauCa: 0.0119536, cPre: 0.58156, cPost: 1.76444, thetaD: 1, thetaP: 1.3, gammaD: 61.141, gammaP: 113.6545,
  sigma: 2.5654, tau: 33.7596, rhoStar: 0.5, delay: 0.01, beta: 0.5, b: 36.0263,
};

/**
 * 'Hippocampal slices' set (Fig. 3): fitted to Wittenberg & Wang 2006 (J
 * Neurosci 26:6610), CA3–CA1 slices, 1 pre : 1 or 2 post at 5 Hz. The early
 * phase of Luboeinski & Tetzlaff 2021 takes τ_Ca, C_pre, C_post, D, γ_p, γ_d, τ
 * (as τ_h) and σ from this set.
 * Verified: mgraupe/CalciumBasedPlasticityModel synapticChange.py, choseParameterSet('hippocampal slices').
 */
export const GB2012_HIPPOCAMPAL_SLICES: CalciumRuleParams = {
  tauCa: 0.0488373, cPre: 1, cPost: 0.275865, thetaD: 1, thetaP: 1.3, gammaD: 313.0965, gammaP: 1645.59,
  sigma: 9.1844, tau: 688.355, rhoStar: 0.5, delay: 0.0188008, beta: 0.7, b: 5.28145,
};

export const GB2012_SETS = {
  DP: GB2012_DP,
  corticalSlices: GB2012_CORTICAL_SLICES,
  hippocampalCultures: GB2012_HIPPOCAMPAL_CULTURES,
  hippocampalSlices: GB2012_HIPPOCAMPAL_SLICES,
} as const;

// ─────────────────────────────────────────────────────────────────────────────
// Song, Miller & Abbott 2000, Nat Neurosci 3:919 — additive pair STDP
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Additive pair STDP with all-to-all traces (Song et al. 2000, Methods):
 *   Δg = g_max A+ e^{−Δt/τ+} for Δt = t_post − t_pre > 0, Δg = −g_max A− e^{Δt/τ−} for Δt < 0,
 * g clipped to [0, g_max]. Trace form: P_a decays with τ+, P_a += A+ g_max per
 * pre spike, g_a += P_a per post spike; M decays with τ−, M −= A− g_max per
 * post spike, g_a += M per pre spike.
 *
 * The conductance-based LIF neuron of the same paper:
 *   τ_m dV/dt = V_rest − V + g_ex (E_ex − V) + g_in (E_in − V)
 * with conductances in units of the leak conductance, τ_ex dg_ex/dt = −g_ex,
 * g_ex += g_a on a spike of input a (same for inhibition, g_in += ḡ_in).
 * Verified against the paper's Methods as re-implemented in brian-team/brian
 * (a Song–Miller–Abbott 2000 script: gmax 0.015, gin 0.05, Ap = 0.005 gmax,
 * Am = −1.05 Ap, τ± 20 ms, 1000 + 200 inputs, inhibitory 10 Hz, τm 20 ms,
 * Vrest −70, Eex 0, Ein −70, Vt −54, Vr −60 mV, τe = τi = 5 ms).
 */
export interface PairStdpParams {
  /** τ+, potentiation window (s). */
  readonly tauPlus: number;
  /** τ−, depression window (s). */
  readonly tauMinus: number;
  /** A+, potentiation per pair in units of g_max. */
  readonly aPlus: number;
  /** A−, depression per pair in units of g_max. */
  readonly aMinus: number;
}

export interface Song2000Set {
  readonly stdp: PairStdpParams;
  /** A−/A+ (depression slightly dominates: the integral of the window is negative). */
  readonly aMinusOverAPlus: number;
  /** ḡ_max, upper bound of an excitatory conductance (units of the leak conductance). */
  readonly gMax: number;
  readonly nExcitatory: number;
  /** Excitatory Poisson input rates used in the paper (Hz); the bimodal histogram of Fig. 2 is at 10–40 Hz. */
  readonly excitatoryRateRange: readonly [number, number];
  readonly nInhibitory: number;
  /** Inhibitory Poisson rate (Hz). */
  readonly inhibitoryRate: number;
  /** ḡ_in, fixed inhibitory conductance per spike (units of the leak conductance). */
  readonly gIn: number;
  readonly neuron: {
    /** τ_m (s) */ readonly tauM: number;
    /** V_rest (mV) */ readonly vRest: number;
    /** V_th (mV) */ readonly vThreshold: number;
    /** V_reset (mV) */ readonly vReset: number;
    /** E_ex (mV) */ readonly eEx: number;
    /** E_in (mV) */ readonly eIn: number;
    /** τ_ex (s) */ readonly tauEx: number;
    /** τ_in (s) */ readonly tauIn: number;
  };
}

export const SONG2000: Song2000Set = {
  stdp: { tauPlus: 0.02, tauMinus: 0.02, aPlus: 0.005, aMinus: 0.005 * 1.05 },
  aMinusOverAPlus: 1.05,
  gMax: 0.015,
  nExcitatory: 1000,
  excitatoryRateRange: [10, 40],
  nInhibitory: 200,
  inhibitoryRate: 10,
  gIn: 0.05,
  neuron: { tauM: 0.02, vRest: -70, vThreshold: -54, vReset: -60, eEx: 0, eIn: -70, tauEx: 0.005, tauIn: 0.005 },
};

// ─────────────────────────────────────────────────────────────────────────────
// Pfister & Gerstner 2006, J Neurosci 26:9673 — triplet STDP
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Triplet rule (Pfister & Gerstner 2006, eqs. 3–4). Presynaptic traces r1 (τ+),
 * r2 (τx); postsynaptic traces o1 (τ−), o2 (τy); each +1 per own spike
 * (nearest-spike: set to 1 instead of incremented). Weight updates read the
 * traces just before the spike's own increment:
 *   post spike: w += r1 (A2+ + A3+ o2)
 *   pre spike:  w −= o1 (A2− + A3− r2)
 * τ+ = 16.8 ms and τ− = 33.7 ms are fixed from Bi & Poo (2001) in every set.
 */
export interface TripletStdpParams {
  readonly a2Plus: number;
  readonly a3Plus: number;
  readonly a2Minus: number;
  readonly a3Minus: number;
  /** τ+ (s) */ readonly tauPlus: number;
  /** τ− (s) */ readonly tauMinus: number;
  /** τx (s); unused when A3− = 0 (the paper leaves it blank for the minimal sets). */
  readonly tauX: number;
  /** τy (s) */ readonly tauY: number;
  readonly interaction: 'all-to-all' | 'nearest-spike';
}

/**
 * Minimal all-to-all model, visual cortex data (Sjöström et al. 2001), the
 * paper's visual-cortex table: A2+ = 0, A3+ = 6.5e-3, A2− = 7.1e-3, A3− = 0,
 * τy = 114 ms. Verified against two public re-implementations (an Igor
 * 'makeSTDPminVisConstants' keeping 6.5e-3, 7.1e-3 and 0.114 s, and a Python
 * example quoting the open-access full text PMC6674434). τx is unused (A3− = 0);
 * set to the full model's 101 ms.
 */
export const PFISTER2006_VISUAL_ALL_TO_ALL_MINIMAL: TripletStdpParams = {
  a2Plus: 0, a3Plus: 6.5e-3, a2Minus: 7.1e-3, a3Minus: 0,
  tauPlus: 0.0168, tauMinus: 0.0337, tauX: 0.101, tauY: 0.114, interaction: 'all-to-all',
};

/**
 * Minimal nearest-spike model, visual cortex data: A2+ = 0, A3+ = 5e-2,
 * A2− = 8e-3, A3− = 0, τy = 40 ms (same public sources as above). τx unused.
 */
export const PFISTER2006_VISUAL_NEAREST_MINIMAL: TripletStdpParams = {
  a2Plus: 0, a3Plus: 5e-2, a2Minus: 8e-3, a3Minus: 0,
  tauPlus: 0.0168, tauMinus: 0.0337, tauX: 0.101, tauY: 0.04, interaction: 'nearest-spike',
};

/**
 * Full all-to-all model, visual cortex: A2+ = 5e-10, A3+ = 6.2e-3, A2− = 7e-3,
 * A3− = 2.3e-4, τx = 101 ms, τy = 125 ms (NEST's stdp_triplet documentation
 * uses the same τ's; NESTML's defaults A2+ = 7.5e-10, A3+ = 9.3e-3 differ from
 * the paper's table — we keep the paper's values as quoted in PMC6674434).
 */
export const PFISTER2006_VISUAL_ALL_TO_ALL_FULL: TripletStdpParams = {
  a2Plus: 5e-10, a3Plus: 6.2e-3, a2Minus: 7e-3, a3Minus: 2.3e-4,
  tauPlus: 0.0168, tauMinus: 0.0337, tauX: 0.101, tauY: 0.125, interaction: 'all-to-all',
};

/**
 * Minimal all-to-all model, hippocampal data (Bi & Poo; Wang et al. 2005):
 * A2+ = 5.3e-3, A3+ = 8e-3, A2− = 3.5e-3, A3− = 0, τy = 40 ms (Igor
 * 'makeSTDPminHipConstants' and a Julia re-implementation agree).
 */
export const PFISTER2006_HIPPOCAMPAL_ALL_TO_ALL_MINIMAL: TripletStdpParams = {
  a2Plus: 5.3e-3, a3Plus: 8e-3, a2Minus: 3.5e-3, a3Minus: 0,
  tauPlus: 0.0168, tauMinus: 0.0337, tauX: 0.101, tauY: 0.04, interaction: 'all-to-all',
};

// ─────────────────────────────────────────────────────────────────────────────
// BCM — Bienenstock, Cooper & Munro 1982; Intrator & Cooper 1992 form
// ─────────────────────────────────────────────────────────────────────────────

/**
 *   dw/dt = η x y (y − θ),      τ_θ dθ/dt = y²/y0 − θ
 * x, y: pre and post rates (Hz); θ in Hz. η in 1/(Hz³ s) for a dimensionless w.
 * These are defaults, not a published fit: y0 = 10 Hz puts the fixed point of a
 * linear neuron at 10 Hz, τ_θ = 10 s is slow against rate estimation (0.1 s) and
 * fast against learning (1/(η x² y0) = 1000 s at x = 10 Hz), which keeps the
 * fixed point stable (condition τ_θ η x² y0 < 1, see bcm.ts).
 */
export interface BcmParams {
  /** η, learning rate (1/(Hz³ s)). */
  readonly eta: number;
  /** τ_θ, sliding-threshold time constant (s). */
  readonly tauTheta: number;
  /** y0, scale of the threshold θ* = ⟨y²⟩/y0 (Hz). */
  readonly y0: number;
}

export const BCM_DEFAULT: BcmParams = { eta: 1e-6, tauTheta: 10, y0: 10 };

// ─────────────────────────────────────────────────────────────────────────────
// Luboeinski & Tetzlaff 2021, Commun Biol 4:275 — synaptic tagging and capture
// ─────────────────────────────────────────────────────────────────────────────

/**
 * Early phase (calcium rule on the early weight h, mV), tag, protein pool p
 * (per neuron) and late weight z (units of h0). Equations (paper's Methods,
 * and jlubo/memory-consolidation-stc simulation-code/Network.cpp):
 *
 *   dc/dt = −c/τ_c + c_pre Σ δ(t − t_pre − t_c,delay) + c_post Σ δ(t − t_post)
 *   τ_h dh/dt = 0.1 (h0 − h) + γ_p (h_max − h) Θ[c − θ_p] − γ_d h Θ[c − θ_d]
 *               + √τ_h √(Θ[c − θ_p] + Θ[c − θ_d]) σ_pl Γ(t)
 *   tag: LTP tag while h − h0 ≥ θ_tag, LTD tag while h0 − h ≥ θ_tag
 *   τ_p dp/dt = −p + α Θ[Σ_synapses |h − h0| − θ_pro]
 *   τ_z dz/dt = p (1 − z) Θ[(h − h0) − θ_tag] − p (z + 0.5) Θ[(h0 − h) − θ_tag]
 *   total weight w = h + h0 z
 *
 * Values (Network.cpp constructor and NetworkMain.cpp, 2N1S build of paper 1):
 * τ_c = 0.0488 s, c_pre = 1, c_post = 0.2758, t_c,delay = 0.0188 s, τ_h = 688.4 s,
 * γ_p = 1645.6, γ_d = 313.1 (all from Graupner & Brunel 2012 hippocampal slices);
 * θ_p = 3, θ_d = 1.2, h0 = 5 γ_p/(γ_p + γ_d) mV = 4.20075 mV, h_max = 10 mV,
 * θ_tag = 0.2 h0, θ_pro = 0.5 h0, τ_p = 60 min, α = 1, τ_z = 60 min (Li et al.
 * 2016, PLoS One 11:e0161679); σ_pl = 9.1844/√1000 × 10 mV = 2.9044 mV
 * (Graupner & Brunel's σ "corrected by 1/√1000"); z ∈ [−0.5, 1] (z_max = 1).
 */
export interface TagCaptureParams {
  /** τ_c, calcium decay (s). */ readonly tauCa: number;
  /** c_pre, calcium jump per presynaptic spike. */ readonly cPre: number;
  /** c_post, calcium jump per postsynaptic spike. */ readonly cPost: number;
  /** delay of the presynaptic calcium transient (s). */ readonly delay: number;
  /** θ_p, potentiation threshold. */ readonly thetaP: number;
  /** θ_d, depression threshold. */ readonly thetaD: number;
  /** γ_p (units of 1/τ_h). */ readonly gammaP: number;
  /** γ_d (units of 1/τ_h). */ readonly gammaD: number;
  /** τ_h, early-phase time constant (s). */ readonly tauH: number;
  /** h0, resting early weight (mV). */ readonly h0: number;
  /** h_max, target of potentiation (mV). */ readonly hMax: number;
  /** σ_pl, early-phase noise (mV). */ readonly sigma: number;
  /** θ_tag (mV). */ readonly thetaTag: number;
  /** θ_pro (mV), on the sum of |h − h0| over the neuron's synapses. */ readonly thetaPro: number;
  /** τ_p, protein time constant (s). */ readonly tauP: number;
  /** α, protein synthesis rate (0 = protein synthesis blocked). */ readonly alpha: number;
  /** τ_z, late-phase time constant (s). */ readonly tauZ: number;
  /** upper bound of z (z_max). */ readonly zMax: number;
  /** lower bound of z (−0.5). */ readonly zMin: number;
}

const LT_GAMMA_P = 1645.6;
const LT_GAMMA_D = 313.1;
const LT_H0 = (5 * LT_GAMMA_P) / (LT_GAMMA_P + LT_GAMMA_D);

export const LUBOEINSKI2021: TagCaptureParams = {
  tauCa: 0.0488, cPre: 1, cPost: 0.2758, delay: 0.0188, thetaP: 3, thetaD: 1.2,
  gammaP: LT_GAMMA_P, gammaD: LT_GAMMA_D, tauH: 688.4, h0: LT_H0, hMax: 10,
  sigma: (9.1844 / Math.sqrt(1000)) * 10,
  thetaTag: 0.2 * LT_H0, thetaPro: 0.5 * LT_H0, tauP: 3600, alpha: 1, tauZ: 3600, zMax: 1, zMin: -0.5,
};
