// Continuous input over a fixed in-degree index list (NMDA gating or rates):
// dst[i] = (accumulate ? dst[i] : 0) + w Σ_k src[pre(i, k)].
// A phase kernel (src/engine/gpu/phase.ts): it shares a dispatch with the step's gathers into
// other populations. Arenas: state, conn (common/arenas.wgsl). CPU reference: src/model/kernels/synapses.ts.

struct GatherSparseParams {
  postN: u32, k: u32, srcBase: u32, dstBase: u32, connBase: u32, accumulate: u32, weight: f32,
}

fn gather_sparse(p: GatherSparseParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
  if (i >= p.postN) { return; }
  var sum = 0.0;
  let row = p.connBase + i * p.k;
  for (var k = 0u; k < p.k; k++) { sum += state[p.srcBase + conn[row + k]]; }
  var prev = 0.0;
  if (p.accumulate != 0u) { prev = state[p.dstBase + i]; }
  state[p.dstBase + i] = prev + p.weight * sum;
}
