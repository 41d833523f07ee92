// Push delivery of the previous step's spikes over a by-presynaptic CSR
// (fixedInDegree, oneToOne) into fixed-point accumulators, so the result does
// not depend on thread order. Workgroups stride over the spike list; the 64
// threads of a workgroup stride over one spike's targets (coalesced).
// A phase kernel (src/engine/gpu/phase.ts): it shares a dispatch with the step's other
// deliveries. Arenas: spikes, conn, acc (common/arenas.wgsl).
// CPU reference: src/model/kernels/synapses.ts.

struct DeliverSparseParams {
  preSpikeBase: u32, preN: u32, rowBase: u32, targetBase: u32, postAccBase: u32, weight: i32,
}

fn deliver_sparse(p: DeliverSparseParams, wg: u32, wgs: u32, lid: u32) {
  let parity = (current_step() - 1u) & 1u;
  let count = atomicLoad(&spikes[p.preSpikeBase + parity]);
  let list = p.preSpikeBase + SPIKE_HEADER + parity * p.preN;
  for (var s = wg; s < count; s += wgs) {
    let pre = atomicLoad(&spikes[list + s]);
    let end = conn[p.rowBase + pre + 1u];
    for (var k = conn[p.rowBase + pre] + lid; k < end; k += 64u) {
      atomicAdd(&acc[p.postAccBase + conn[p.targetBase + k]], p.weight);
    }
  }
}
