// One step of LIF populations: one thread per neuron (lif-neuron.wgsl). Batched
// (common/batch.wgsl): the populations updated one after another in the plan, each its own slot.
// Pipeline: src/engine/gpu/kernels.ts (lifUpdate). CPU reference: src/model/kernels/lif-update.ts.
// Bindings (group 1): 0 batch of params, 1 state, 2 acc, 3 spikes, 4 tables, 5 record, 6 counts.

@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> acc: array<atomic<i32>>;
@group(1) @binding(3) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(4) var<storage, read> tables: array<f32>;
@group(1) @binding(5) var<storage, read_write> record: array<atomic<u32>>;
@group(1) @binding(6) var<storage, read_write> counts: array<atomic<u32>>;

fn poisson_cdf(q: LifUpdateParams, at: u32, k: u32) -> f32 { return tables[q.poissonBase + k]; }

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let at = batch_at(wid, nwg, lid);
  let p = batch.slots[at.x].q;
  let i = at.y;
  let step = current_step();
  if (i == 0u) { lif_clear_previous(p, step); }
  if (i >= p.n) { return; }
  lif_neuron(p, i, step, chunk.baseStep);
}
