// Push delivery of the previous step's spikes through per-synapse efficacies:
// acc[post] += round(weightScale · w) (w + z with a late phase), fixed point.
// Synapses are numbered by presynaptic row: dense (all-to-all) s = pre·postN +
// post, otherwise a CSR (rowStart at rowBase, targets at postConnBase).
// Workgroups stride over the spike list, threads over a row.
// A phase kernel (src/engine/gpu/phase.ts): it shares a dispatch with the step's other
// deliveries. Arenas: spikes, conn, syn, acc (common/arenas.wgsl).
// CPU reference: src/model/kernels/plasticity.ts (deliverPlastic).

struct DeliverPlasticParams {
  preSpikeBase: u32, preN: u32, postN: u32, dense: u32, rowBase: u32, postConnBase: u32,
  postAccBase: u32, wBase: u32, zBase: u32, late: u32, weightScale: f32,
}

fn deliver_plastic(p: DeliverPlasticParams, wg: u32, wgs: u32, lid: u32) {
  let parity = (current_step() - 1u) & 1u;
  let count = atomicLoad(&spikes[p.preSpikeBase + parity]);
  let list = p.preSpikeBase + SPIKE_HEADER + parity * p.preN;
  for (var k = wg; k < count; k += wgs) {
    let pre = atomicLoad(&spikes[list + k]);
    var start = pre * p.postN;
    var end = start + p.postN;
    if (p.dense == 0u) {
      start = conn[p.rowBase + pre];
      end = conn[p.rowBase + pre + 1u];
    }
    for (var s = start + lid; s < end; s += 64u) {
      var post = s - start;
      if (p.dense == 0u) { post = conn[p.postConnBase + s]; }
      var eff = syn[p.wBase + s];
      if (p.late != 0u) { eff += syn[p.zBase + s]; }
      atomicAdd(&acc[p.postAccBase + post], i32(floor(p.weightScale * eff + 0.5)));
    }
  }
}
