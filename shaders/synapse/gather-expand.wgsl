// Second half of the all-to-all continuous gather (NMDA gating or rates), one
// thread per postsynaptic cell (or pair of cells N/2 apart, expand_count): the circular convolution with the weight
// profile from its Fourier modes (fourier-expand.wgsl: expand_modes).
// A uniform weight is the single mode c_0. A phase kernel (src/engine/gpu/phase.ts): it shares
// a dispatch with the step's gathers into other populations. Arenas: state, tables
// (common/arenas.wgsl). CPU reference: src/model/kernels/synapses.ts.

fn expand_term(q: GatherExpandParams, at: u32, k: u32) -> vec3<f32> {
  return vec3<f32>(tables[q.coefBase + k], state[q.modesBase + 2u * k], state[q.modesBase + 2u * k + 1u]);
}

fn gather_expand(p: GatherExpandParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
  if (i >= expand_count(p)) { return; }
  expand_modes(p, 0u, i);
}
