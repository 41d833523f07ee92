// Second half of the all-to-all continuous gather (NMDA gating or rates), one
// thread per postsynaptic cell (or pair of cells N/2 apart, expand_count): the circular convolution with the weight
// profile from its Fourier modes (fourier-expand.wgsl: expand_modes).
// A uniform weight is the single mode c_0.
// Pipeline: src/engine/gpu/kernels.ts (gatherExpand). CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 params, 1 state, 2 tables.

@group(1) @binding(0) var<uniform> p: GatherExpandParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> tables: array<f32>;

fn expand_term(q: GatherExpandParams, at: u32, k: u32) -> vec3<f32> {
  return vec3<f32>(tables[q.coefBase + k], state[q.modesBase + 2u * k], state[q.modesBase + 2u * k + 1u]);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  if (i >= expand_count(p)) { return; }
  expand_modes(p, 0u, i);
}
