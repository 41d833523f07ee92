// All-to-all delivery of the previous step's spikes: each postsynaptic cell
// sums its fixed-point weights over the spike list (weight table indexed by
// (i − j) mod n for a ring profile, a single entry otherwise). Batched (common/batch.wgsl):
// every delivery of a step in one dispatch, the integer sums commute.
// Pipeline: src/engine/gpu/kernels.ts (deliverDense). CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 batch of params, 1 spikes, 2 itables, 3 acc.

struct DeliverDenseParams {
  preSpikeBase: u32, preN: u32, postN: u32, postAccBase: u32, tableBase: u32, ring: u32,
}

@group(1) @binding(1) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(2) var<storage, read> itables: array<i32>;
@group(1) @binding(3) var<storage, read_write> acc: array<atomic<i32>>;

const SPIKE_HEADER = 4u;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let at = batch_at(wid, nwg, lid);
  let p = batch.slots[at.x].q;
  let i = at.y;
  if (i >= p.postN) { return; }
  let parity = (current_step() - 1u) & 1u;
  let count = atomicLoad(&spikes[p.preSpikeBase + parity]);
  if (count == 0u) { return; }
  let list = p.preSpikeBase + SPIKE_HEADER + parity * p.preN;
  var sum = 0i;
  if (p.ring != 0u) {
    for (var s = 0u; s < count; s++) {
      let j = atomicLoad(&spikes[list + s]);
      sum += itables[p.tableBase + (i + p.preN - j) % p.preN];
    }
  } else {
    sum = i32(count) * itables[p.tableBase];
  }
  atomicAdd(&acc[p.postAccBase + i], sum);
}
