/**
 * Leaky integrate-and-fire neurons with AMPA, NMDA and GABA_A synapses,
 * conductance- or current-based.
 *
 * C dV/dt = −gL (V − EL) − s_ampa (V − E_ampa) − s_gaba (V − E_gaba)
 *           − g_nmda B(V) (V − E_nmda) + I_bias + I_ext + I_in
 * (conductance mode; Compte et al. 2000, Cereb Cortex 10:910, Methods).
 * In current mode each receptor term is a current: s_ampa + s_gaba + g_nmda B(V).
 * Optional spike-frequency adaptation, a Ca2+-activated K+ conductance in both
 * modes: − g_a (V − E_K), g_a += Δg_a per spike, decaying with τ_a (Liu & Wang 2001).
 *
 * Linear receptors (AMPA, GABA_A) are postsynaptic: s jumps by the weight on
 * every incoming spike and decays with τ. NMDA gating is saturating and
 * presynaptic (Wang 1999, J Neurosci 19:9587):
 *   dx/dt = −x/τ_rise, x += 1 per spike;  ds/dt = −s/τ_decay + α x (1 − s)
 * and the postsynaptic input is g_nmda,i = Σ_j w_ij s_j.
 */
import type { ParamTable } from './params';

export const LIF_PARAMS = {
  C: { default: 0.5, unit: 'nF', min: 0.001, max: 100, doc: 'membrane capacitance', cite: 'Compte et al. 2000' },
  gL: { default: 25, unit: 'nS', min: 0.01, max: 1000, doc: 'leak conductance', cite: 'Compte et al. 2000' },
  EL: { default: -70, unit: 'mV', min: -120, max: 0, doc: 'leak reversal (resting) potential' },
  Vth: { default: -50, unit: 'mV', min: -100, max: 50, doc: 'spike threshold' },
  Vreset: { default: -60, unit: 'mV', min: -120, max: 0, doc: 'reset potential after a spike' },
  tauRef: { default: 0.002, unit: 's', min: 0, max: 0.1, doc: 'absolute refractory period' },
  tauAmpa: { default: 0.002, unit: 's', min: 0.0001, max: 1, doc: 'AMPA decay time constant', cite: 'Compte et al. 2000' },
  tauGaba: { default: 0.01, unit: 's', min: 0.0001, max: 1, doc: 'GABA_A decay time constant', cite: 'Compte et al. 2000' },
  tauNmdaRise: { default: 0.002, unit: 's', min: 0.0001, max: 1, doc: 'NMDA rise time constant (x variable)', cite: 'Wang 1999' },
  tauNmdaDecay: { default: 0.1, unit: 's', min: 0.001, max: 10, doc: 'NMDA decay time constant (s variable)', cite: 'Wang 1999' },
  alphaNmda: { default: 500, unit: '1/s', min: 0, max: 100000, doc: 'NMDA saturation rate α (0.5 /ms)', cite: 'Wang 1999' },
  Eampa: { default: 0, unit: 'mV', min: -100, max: 100, doc: 'AMPA reversal potential' },
  Enmda: { default: 0, unit: 'mV', min: -100, max: 100, doc: 'NMDA reversal potential' },
  Egaba: { default: -70, unit: 'mV', min: -120, max: 100, doc: 'GABA_A reversal potential' },
  Mg: { default: 1, unit: 'mM', min: 0, max: 10, doc: 'extracellular [Mg2+] for the NMDA block', cite: 'Jahr & Stevens 1990' },
  Ibias: { default: 0, unit: 'nA', min: -10, max: 10, doc: 'constant injected current' },
  adaptIncrement: {
    default: 0, unit: 'nS', min: 0, max: 100,
    doc: 'spike-frequency adaptation: Ca2+-activated K+ (AHP) conductance added per spike (0 = off)', cite: 'Wang 1998; Liu & Wang 2001',
  },
  tauAdapt: { default: 0.08, unit: 's', min: 0.001, max: 10, doc: 'decay time of the adaptation conductance', cite: 'Liu & Wang 2001' },
  EK: { default: -80, unit: 'mV', min: -120, max: 0, doc: 'K+ reversal potential of the adaptation current' },
} as const satisfies ParamTable;


/**
 * NMDA Mg2+ block B(V) = 1 / (1 + [Mg] exp(−0.062 V) / 3.57), V in mV, [Mg] in mM
 * (Jahr & Stevens 1990, J Neurosci 10:3178, as used by Wang 1999).
 */
export function mgBlock(vMv: number, mgMm: number): number {
  return 1 / (1 + (mgMm / 3.57) * Math.exp(-0.062 * vMv));
}

/** Order of a LIF population's state sections in the state arena (n floats each). */
export const LIF_SECTIONS = ['v', 'refSteps', 'sAmpa', 'sGaba', 'gNmda', 'iIn', 'iExt', 'xNmda', 'sNmda', 'gAdapt'] as const;
