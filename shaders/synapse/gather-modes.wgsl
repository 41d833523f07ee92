// First half of the all-to-all continuous gather (fourier-modes.wgsl):
// MODE_LANES invocations reduce the presynaptic vector onto Fourier mode k,
// a_k = Σ_j s_j cos(2πkj/N), b_k = Σ_j s_j sin(2πkj/N), into a scratch section of state.
// A phase kernel (src/engine/gpu/phase.ts): it reads the previous step's presynaptic vector
// and writes its projection's own scratch, so it shares a dispatch with the step's deliveries.
// Arenas: state, tables (common/arenas.wgsl). CPU reference: src/model/kernels/synapses.ts.

fn mode_source(q: GatherModesParams, at: u32, j: u32) -> f32 { return state[q.srcBase + j]; }

var<workgroup> partialA: array<f32, 64>;
var<workgroup> partialB: array<f32, 64>;

// two modes a workgroup, MODE_LANES invocations each
fn gather_modes(p: GatherModesParams, wg: u32, wgs: u32, lid: u32) {
  let seg = lid / MODE_LANES;
  let k = 2u * wg + seg;
  var ab = vec2<f32>(0.0, 0.0);
  if (k < p.modeCount) { ab = mode_partial(p, 0u, k, lid % MODE_LANES); }
  partialA[lid] = ab.x;
  partialB[lid] = ab.y;
  workgroupBarrier();
  if (lid % MODE_LANES == 0u && k < p.modeCount) {
    let sum = sum_mode_partials(lid);
    state[p.modesBase + 2u * k] = sum.x;
    state[p.modesBase + 2u * k + 1u] = sum.y;
  }
}
