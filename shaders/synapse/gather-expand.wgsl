// Second half of the all-to-all continuous gather (NMDA gating or rates):
// dst[i] = (accumulate ? dst[i] : 0) + Σ_k c_k (a_k cos(2πki/N) + b_k sin(2πki/N)),
// the circular convolution with the weight profile from its Fourier modes
// (src/model/connectivity.ts: circulantModes). A uniform weight is the single mode c_0.
// Pipeline: src/engine/gpu/kernels.ts (gatherExpand). CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 params, 1 state, 2 tables.

struct GatherExpandParams { postN: u32, preN: u32, dstBase: u32, modesBase: u32, modeCount: u32, trigBase: u32, coefBase: u32, accumulate: u32 }

@group(1) @binding(0) var<uniform> p: GatherExpandParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> tables: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  if (i >= p.postN) { return; }
  let n = p.preN;
  var g = tables[p.coefBase] * state[p.modesBase];
  var m = 0u;
  for (var k = 1u; k < p.modeCount; k++) {
    m = (m + i) % n;
    g += tables[p.coefBase + k] * (state[p.modesBase + 2u * k] * tables[p.trigBase + m] + state[p.modesBase + 2u * k + 1u] * tables[p.trigBase + n + m]);
  }
  var prev = 0.0;
  if (p.accumulate != 0u) { prev = state[p.dstBase + i]; }
  state[p.dstBase + i] = prev + g;
}
