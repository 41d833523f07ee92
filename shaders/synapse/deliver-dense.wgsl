// All-to-all delivery of the previous step's spikes: each postsynaptic cell
// sums its fixed-point weights over the spike list (weight table indexed by
// (i − j) mod n for a ring profile, a single entry otherwise). A phase kernel
// (src/engine/gpu/phase.ts): the integer sums commute, so it shares a dispatch with the
// step's other deliveries. Arenas: spikes, itables, acc (common/arenas.wgsl).
// CPU reference: src/model/kernels/synapses.ts.

struct DeliverDenseParams {
  preSpikeBase: u32, preN: u32, postN: u32, postAccBase: u32, tableBase: u32, ring: u32,
}

fn deliver_dense(p: DeliverDenseParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
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
