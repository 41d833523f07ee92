// One step of one LIF population: one thread per neuron (lif-neuron.wgsl).
// Pipeline: src/engine/gpu/kernels.ts (lifUpdate). CPU reference: src/model/kernels/lif-update.ts.
// Bindings (group 1): 0 params, 1 state, 2 acc, 3 spikes, 4 tables, 5 record, 6 counts.

@group(1) @binding(0) var<uniform> p: LifUpdateParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> acc: array<atomic<i32>>;
@group(1) @binding(3) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(4) var<storage, read> tables: array<f32>;
@group(1) @binding(5) var<storage, read_write> record: array<atomic<u32>>;
@group(1) @binding(6) var<storage, read_write> counts: array<atomic<u32>>;

fn poisson_cdf(q: LifUpdateParams, at: u32, k: u32) -> f32 { return tables[q.poissonBase + k]; }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  let step = current_step();
  if (i == 0u) { lif_clear_previous(p, step); }
  if (i >= p.n) { return; }
  lif_neuron(p, i, step, chunk.baseStep);
}
