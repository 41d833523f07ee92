// Continuous input over a fixed in-degree index list (NMDA gating or rates):
// dst[i] = (accumulate ? dst[i] : 0) + w Σ_k src[pre(i, k)].
// Pipeline: src/engine/gpu/kernels/gather-sparse.ts. CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 params, 1 state, 2 conn.

struct GatherSparseParams {
  postN: u32, k: u32, srcBase: u32, dstBase: u32, connBase: u32, accumulate: u32, weight: f32,
}

@group(1) @binding(0) var<uniform> p: GatherSparseParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> conn: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  if (i >= p.postN) { return; }
  var sum = 0.0;
  let row = p.connBase + i * p.k;
  for (var k = 0u; k < p.k; k++) { sum += state[p.srcBase + conn[row + k]]; }
  var prev = 0.0;
  if (p.accumulate != 0u) { prev = state[p.dstBase + i]; }
  state[p.dstBase + i] = prev + p.weight * sum;
}
