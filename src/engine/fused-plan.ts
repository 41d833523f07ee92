/**
 * Which networks the fused step (shaders/fused/fused-step.wgsl) runs, and the
 * dispatches of the step plan it replaces, by phase. It keeps many steps in
 * one dispatch of one workgroup, so the whole network must fit one workgroup
 * with room to spare: small networks whose step is dispatch-bound on a GPU
 * (the working-memory ring: 2560 cells, 3 dispatches a step unfused).
 * Qualifies: LIF populations only, without plasticity or an agent;
 * projections that are all-to-all NMDA gathers (any profile, Fourier modes)
 * or all-to-all AMPA/GABA deliveries with a uniform weight; Poisson inputs,
 * stimuli, and spikes, rate, bump and state probes.
 */
import { FUSED_LIMITS } from '../model/kernel-params';
import type { Dispatch, NetworkLayout } from './plan';

/** Most neurons in all populations together: beyond it a step is too much work for one workgroup. */
export const MAX_FUSED_NEURONS = 8192;
/** Steps per dispatch unless the engine is told otherwise: per-dispatch overhead ≪ a step's work, and a dispatch stays short for browser watchdogs. */
export const DEFAULT_STEPS_PER_DISPATCH = 100;

export interface FusedPlan {
  /** indices into layout.dispatches, by phase, in plan order */
  readonly deliveries: readonly number[];
  readonly modes: readonly number[];
  readonly expands: readonly number[];
  readonly populations: readonly number[];
  readonly probes: readonly number[];
}

/**
 * Whether 'auto' considers fusing on this adapter (it then times both forms,
 * GpuBackend.prepare): not on a CPU emulation (SwiftShader, llvmpipe,
 * lavapipe), which runs a workgroup on one CPU thread, so one workgroup leaves
 * the other cores idle: on SwiftShader the full ring ran 4× slower fused
 * than unfused on a loaded machine and ~1.2× faster on an idle one, and the
 * fused pipeline alone takes 3–6 s to build there (docs/benchmarks.md).
 */
export const fusesOn = (adapter: string) => !/swiftshader|llvmpipe|lavapipe/i.test(adapter);

/** The fused plan of a network, or why it does not qualify. */
export function fusedPlan(layout: NetworkLayout): { plan: FusedPlan } | { reason: string } {
  const notLif = layout.populations.find((p) => p.spec.kind !== 'lif');
  if (notLif) return { reason: `population ${notLif.spec.id} is of kind ${notLif.spec.kind} (only lif populations fuse)` };
  const neurons = layout.populations.reduce((sum, p) => sum + p.n, 0);
  if (neurons > MAX_FUSED_NEURONS) return { reason: `${neurons} neurons, more than the ${MAX_FUSED_NEURONS} one workgroup takes` };
  if (layout.agentPathBase >= 0) return { reason: 'the scenario has an agent' };
  for (const pr of layout.projections) {
    const what = `projection ${pr.spec.id}`;
    if (pr.plastic) return { reason: `${what} is plastic` };
    if (pr.route === 'deliverDense' && pr.ring) return { reason: `${what} delivers spikes through a ring profile` };
    if (pr.route !== 'deliverDense' && pr.route !== 'gatherDense') return { reason: `${what} is ${pr.spec.connectivity.kind} (only allToAll projections fuse)` };
  }
  const of = (kinds: Dispatch['kernel'][]) => layout.dispatches.flatMap((d, k) => (kinds.includes(d.kernel) ? [k] : []));
  const plan: FusedPlan = {
    deliveries: of(['deliverDense']), modes: of(['gatherModes']), expands: of(['gatherExpand']), populations: of(['lifUpdate']), probes: of(['stateProbe']),
  };
  const limits: [number, number, string][] = [
    [plan.populations.length, FUSED_LIMITS.MAX_FUSED_POPULATIONS, 'populations'],
    [plan.deliveries.length, FUSED_LIMITS.MAX_FUSED_DELIVERIES, 'spike-delivering projections'],
    [plan.modes.length, FUSED_LIMITS.MAX_FUSED_GATHERS, 'NMDA projections'],
    [plan.probes.length, FUSED_LIMITS.MAX_FUSED_PROBES, 'state probes'],
  ];
  for (const [count, max, what] of limits) if (count > max) return { reason: `${count} ${what}, more than the fused step's ${max}` };
  const covered = new Set([...plan.deliveries, ...plan.modes, ...plan.expands, ...plan.populations, ...plan.probes]);
  const other = layout.dispatches.find((_, k) => !covered.has(k));
  if (other) return { reason: `the step needs ${other.kernel} (${other.label})` };
  return { plan };
}
