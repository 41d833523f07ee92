// Continuous all-to-all input (NMDA gating or rates):
// dst[i] = (accumulate ? dst[i] : 0) + Σ_j table[ring ? (i − j) mod n : 0] src[j].
// Pipeline: src/engine/gpu/kernels/gather-dense.ts. CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 params, 1 state, 2 tables.

struct GatherDenseParams {
  postN: u32, preN: u32, srcBase: u32, dstBase: u32, tableBase: u32, ring: u32, accumulate: u32,
}

@group(1) @binding(0) var<uniform> p: GatherDenseParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> tables: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  if (i >= p.postN) { return; }
  var sum = 0.0;
  if (p.ring != 0u) {
    for (var j = 0u; j < p.preN; j++) { sum += tables[p.tableBase + (i + p.preN - j) % p.preN] * state[p.srcBase + j]; }
  } else {
    for (var j = 0u; j < p.preN; j++) { sum += state[p.srcBase + j]; }
    sum *= tables[p.tableBase];
  }
  var prev = 0.0;
  if (p.accumulate != 0u) { prev = state[p.dstBase + i]; }
  state[p.dstBase + i] = prev + sum;
}
