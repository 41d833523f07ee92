// Value k of a state probe at `step` into its sample slot of the chunk, on the
// probe's sampling steps: shared by stateProbe (state-probe.wgsl) and the fused
// step (fused/fused-step.wgsl), which declare `state`, `conn` and `samples`.
// CPU reference: src/model/kernels/synapses.ts.

struct StateProbeParams { count: u32, srcBase: u32, indexBase: u32, samplesBase: u32, everySteps: u32 }

fn sample_state(q: StateProbeParams, k: u32, step: u32, baseStep: u32) {
  if (step % q.everySteps != 0u) { return; }
  let slot = sample_slot(step, q.everySteps, baseStep);
  samples[q.samplesBase + slot * q.count + k] = state[q.srcBase + conn[q.indexBase + k]];
}
