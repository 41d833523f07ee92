// Push delivery of the previous step's spikes through per-synapse efficacies:
// acc[post] += round(weightScale · w) (w + z with a late phase), fixed point.
// Synapses are numbered by presynaptic row: dense (all-to-all) s = pre·postN +
// post, otherwise a CSR (rowStart at rowBase, targets at postConnBase).
// Workgroups stride over the spike list, threads over a row; a dense row is cut
// into segments of DENSE_SEGMENT synapses, each a work item of its own, so that
// the few grid-cell spikes of a place-map step (a row of 10^4 or 10^5) keep
// many workgroups busy instead of one per spike (the sums are the same integers).
// A phase kernel (src/engine/gpu/phase.ts): it shares a dispatch with the step's other
// deliveries. Arenas: spikes, conn, syn, acc (common/arenas.wgsl).
// CPU reference: src/model/kernels/plasticity.ts (deliverPlastic).

struct DeliverPlasticParams {
  preSpikeBase: u32, preN: u32, postN: u32, dense: u32, rowBase: u32, postConnBase: u32,
  postAccBase: u32, wBase: u32, zBase: u32, late: u32, weightScale: f32,
}

// synapses of a dense row one work item takes (8 an invocation)
const DENSE_SEGMENT = 512u;

fn deliver_plastic(p: DeliverPlasticParams, wg: u32, wgs: u32, lid: u32) {
  let parity = (current_step() - 1u) & 1u;
  let count = atomicLoad(&spikes[p.preSpikeBase + parity]);
  let list = p.preSpikeBase + SPIKE_HEADER + parity * p.preN;
  let segments = select(1u, (p.postN + DENSE_SEGMENT - 1u) / DENSE_SEGMENT, p.dense != 0u);
  for (var item = wg; item < count * segments; item += wgs) {
    let pre = atomicLoad(&spikes[list + item / segments]);
    var start = pre * p.postN;
    var first = start + (item % segments) * DENSE_SEGMENT;
    var end = min(start + p.postN, first + DENSE_SEGMENT);
    if (p.dense == 0u) {
      start = conn[p.rowBase + pre];
      first = start;
      end = conn[p.rowBase + pre + 1u];
    }
    for (var s = first + lid; s < end; s += 64u) {
      var post = s - start;
      if (p.dense == 0u) { post = conn[p.postConnBase + s]; }
      var eff = syn[p.wBase + s];
      if (p.late != 0u) { eff += syn[p.zBase + s]; }
      atomicAdd(&acc[p.postAccBase + post], i32(floor(p.weightScale * eff + 0.5)));
    }
  }
}
