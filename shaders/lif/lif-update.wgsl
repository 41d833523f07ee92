// One step of a LIF population: one thread per neuron (lif-neuron.wgsl). A phase kernel
// (src/engine/gpu/phase.ts): it shares a dispatch with the step's other population updates.
// Arenas: state, acc, spikes, tables, record, counts (common/arenas.wgsl).
// CPU reference: src/model/kernels/lif-update.ts.

fn poisson_cdf(q: LifUpdateParams, at: u32, k: u32) -> f32 { return tables[q.poissonBase + k]; }

fn lif_update(p: LifUpdateParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
  let step = current_step();
  if (i == 0u) { lif_clear_previous(p, step); }
  if (i >= p.n) { return; }
  lif_neuron(p, i, step, chunk.baseStep);
}
