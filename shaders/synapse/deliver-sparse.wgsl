// Push delivery of the previous step's spikes over a by-presynaptic CSR
// (fixedInDegree, oneToOne) into fixed-point accumulators, so the result does
// not depend on thread order. Workgroups stride over the spike list; the 64
// threads of a workgroup stride over one spike's targets (coalesced).
// Pipeline: src/engine/gpu/kernels/deliver-sparse.ts. CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 params, 1 spikes, 2 conn, 3 acc.

struct DeliverSparseParams {
  preSpikeBase: u32, preN: u32, rowBase: u32, targetBase: u32, postAccBase: u32, weight: i32,
}

@group(1) @binding(0) var<uniform> p: DeliverSparseParams;
@group(1) @binding(1) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(2) var<storage, read> conn: array<u32>;
@group(1) @binding(3) var<storage, read_write> acc: array<atomic<i32>>;

const SPIKE_HEADER = 4u;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let parity = (current_step() - 1u) & 1u;
  let count = atomicLoad(&spikes[p.preSpikeBase + parity]);
  let list = p.preSpikeBase + SPIKE_HEADER + parity * p.preN;
  for (var s = wid.x; s < count; s += nwg.x) {
    let pre = atomicLoad(&spikes[list + s]);
    let end = conn[p.rowBase + pre + 1u];
    for (var k = conn[p.rowBase + pre] + lid; k < end; k += 64u) {
      atomicAdd(&acc[p.postAccBase + conn[p.targetBase + k]], p.weight);
    }
  }
}
