// All-to-all delivery of the previous step's spikes: each postsynaptic cell
// sums its fixed-point weights over the spike list (weight table indexed by
// (i − j) mod n for a ring profile, a single entry otherwise).
// Pipeline: src/engine/gpu/kernels/deliver-dense.ts. CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 params, 1 spikes, 2 itables, 3 acc.

struct DeliverDenseParams {
  preSpikeBase: u32, preN: u32, postN: u32, postAccBase: u32, tableBase: u32, ring: u32,
}

@group(1) @binding(0) var<uniform> p: DeliverDenseParams;
@group(1) @binding(1) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(2) var<storage, read> itables: array<i32>;
@group(1) @binding(3) var<storage, read_write> acc: array<atomic<i32>>;

const SPIKE_HEADER = 4u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
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
