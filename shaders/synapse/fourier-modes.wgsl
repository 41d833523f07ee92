// Fourier modes of a presynaptic vector for the all-to-all continuous gather
// (NMDA gating or rates) through a circulant weight profile
// (src/model/connectivity.ts: circulantModes): shared by gatherModes and the
// fused step (fused/fused-step.wgsl). Users declare `tables`, workgroup arrays `partialA`,
// `partialB` of MODE_LANES entries per mode reduced at once, and `fn mode_source(q, at, j) -> f32`,
// presynaptic value j (`at`: where the user keeps the vector, for a user that stages it).
// CPU reference: src/model/kernels/synapses.ts.

struct GatherModesParams { preN: u32, srcBase: u32, modesBase: u32, modeCount: u32, trigBase: u32 }

// Lanes per mode, each summing every MODE_LANES-th term (gatherModes: two modes a 64-invocation
// workgroup, src/engine/plan.ts).
const MODE_LANES = 32u;

// Lane `lane` of MODE_LANES of mode k: its strided share of a_k = Σ_j s_j cos(2πkj/N), b_k = Σ_j s_j sin(2πkj/N).
// cos and sin start from the table at j = lane and advance by a rotation through 2πk·MODE_LANES/N per term
// (four multiply-adds instead of two table reads and an index modulo; the rotation adds ~1e-7
// relative error a term). For even N, cell j + N/2 pairs with j: its cos and sin are (−1)^k
// those at j, so half the terms carry s_j ± s_{j+N/2} (32 terms a lane at N = 2048).
// Mode 0 is the plain sum, b_0 = 0.
fn mode_partial(q: GatherModesParams, at: u32, k: u32, lane: u32) -> vec2<f32> {
  let n = q.preN;
  var a = 0.0;
  var b = 0.0;
  if (k == 0u) {
    for (var j = lane; j < n; j += MODE_LANES) { a += mode_source(q, at, j); }
    return vec2<f32>(a, 0.0);
  }
  let m = (k * lane) % n;
  let d = (MODE_LANES * k) % n;
  var c = tables[q.trigBase + m];
  var s = tables[q.trigBase + n + m];
  let dc = tables[q.trigBase + d];
  let ds = tables[q.trigBase + n + d];
  let paired = (n & 1u) == 0u;
  let h = select(n, n / 2u, paired);
  let sign = select(1.0, -1.0, (k & 1u) == 1u);
  for (var j = lane; j < h; j += MODE_LANES) {
    var x = mode_source(q, at, j);
    if (paired) { x += sign * mode_source(q, at, j + h); }
    a += x * c;
    b += x * s;
    let next = c * dc - s * ds;
    s = s * dc + c * ds;
    c = next;
  }
  return vec2<f32>(a, b);
}

// The MODE_LANES lane partials at partialA/B[base …], summed in lane order by one invocation
// (after a barrier): no tree of barriers.
fn sum_mode_partials(base: u32) -> vec2<f32> {
  var ab = vec2<f32>(0.0, 0.0);
  for (var lane = 0u; lane < MODE_LANES; lane++) { ab += vec2<f32>(partialA[base + lane], partialB[base + lane]); }
  return ab;
}
