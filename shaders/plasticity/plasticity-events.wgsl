// The event-driven form of the plasticity sweep (plasticity-update.wgsl) for an
// all-to-all NMDA-gated Hebbian projection in its spike-triggered form alone
// (γp = γd = 0, i.e. etaP = etaD = 0) with no calcium stored per synapse: then
// dw = γH · spk_i · (…) is zero unless postsynaptic cell i spiked this step, so
// only the inputs of those cells change (w stays within its bounds elsewhere).
// A fixed grid of workgroups strides over this step's postsynaptic spike list
// (as deliver-sparse.wgsl strides over its presynaptic one), each spike's preN
// inputs cut into segments of EVENT_SEGMENT (work items of their own, so few
// spikes keep many workgroups busy), and the 64 threads of a workgroup over a
// segment: column i of the [pre][post] layout (s = j · postN + i, stride postN). The arithmetic is the sweep's own
// (nmda_hebbian, plasticity-rule.wgsl), so the changed synapses get the same
// bits. The host runs this kernel or the sweep, whichever the live parameters
// allow (plasticityEventDriven in src/engine/plan.ts).
// A phase kernel (src/engine/gpu/phase.ts). Arenas: state, spikes, syn (common/arenas.wgsl).
// CPU reference: src/model/kernels/plasticity.ts (plasticityEvents).

// inputs of a cell one work item takes (2 an invocation)
const EVENT_SEGMENT = 128u;

fn plasticity_events(p: PlasticityParams, wg: u32, wgs: u32, lid: u32) {
  // this step's list (the traces marked the same cells: trace-update.wgsl)
  let parity = current_step() & 1u;
  let count = atomicLoad(&spikes[p.postSpikeBase + parity]);
  let list = p.postSpikeBase + SPIKE_HEADER + parity * p.postN;
  let segments = (p.preN + EVENT_SEGMENT - 1u) / EVENT_SEGMENT;
  for (var item = wg; item < count * segments; item += wgs) {
    let i = atomicLoad(&spikes[list + item / segments]);
    let first = (item % segments) * EVENT_SEGMENT;
    for (var j = first + lid; j < min(p.preN, first + EVENT_SEGMENT); j += 64u) {
      let s = p.wBase + j * p.postN + i;
      syn[s] = nmda_hebbian(p, syn[s], j, i).x;
    }
  }
}
