// The event-driven form of the plasticity sweep (plasticity-update.wgsl) for an
// all-to-all NMDA-gated Hebbian projection in its spike-triggered form alone
// (γp = γd = 0, i.e. etaP = etaD = 0) with no calcium stored per synapse: then
// dw = γH · spk_i · (…) is zero unless postsynaptic cell i spiked this step, so
// only the inputs of those cells change (w stays within its bounds elsewhere).
// A fixed grid of workgroups strides over this step's postsynaptic spike list
// (as deliver-sparse.wgsl strides over its presynaptic one) and the 64 threads
// of a workgroup over the cell's preN inputs: column i of the [pre][post]
// layout (s = j · postN + i, stride postN). The arithmetic is the sweep's own
// (nmda_hebbian, plasticity-rule.wgsl), so the changed synapses get the same
// bits. The host runs this kernel or the sweep, whichever the live parameters
// allow (plasticityEventDriven in src/engine/plan.ts).
// A phase kernel (src/engine/gpu/phase.ts). Arenas: state, spikes, syn (common/arenas.wgsl).
// CPU reference: src/model/kernels/plasticity.ts (plasticityEvents).

fn plasticity_events(p: PlasticityParams, wg: u32, wgs: u32, lid: u32) {
  // this step's list (the traces marked the same cells: trace-update.wgsl)
  let parity = current_step() & 1u;
  let count = atomicLoad(&spikes[p.postSpikeBase + parity]);
  let list = p.postSpikeBase + SPIKE_HEADER + parity * p.postN;
  for (var k = wg; k < count; k += wgs) {
    let i = atomicLoad(&spikes[list + k]);
    for (var j = lid; j < p.preN; j += 64u) {
      let s = p.wBase + j * p.postN + i;
      syn[s] = nmda_hebbian(p, syn[s], j, i).x;
    }
  }
}
