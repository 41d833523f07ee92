// Fourier modes of a presynaptic vector for the all-to-all continuous gather
// (NMDA gating or rates) through a circulant weight profile
// (src/model/connectivity.ts: circulantModes): shared by gatherModes and the
// fused step (fused/fused-step.wgsl). Users declare `tables`, workgroup arrays `partialA`,
// `partialB` of 64 entries per mode reduced at once, and `fn mode_source(q, at, j) -> f32`,
// presynaptic value j (`at`: where the user keeps the vector, for a user that stages it).
// CPU reference: src/model/kernels/synapses.ts.

struct GatherModesParams { preN: u32, srcBase: u32, modesBase: u32, modeCount: u32, trigBase: u32 }

// Lane `lane` of 64 of mode k: its strided share of a_k = Σ_j s_j cos(2πkj/N), b_k = Σ_j s_j sin(2πkj/N).
// cos and sin start from the table at j = lane and advance by a rotation through 2πk·64/N per term
// (four multiply-adds instead of two table reads and an index modulo; the rotation adds ~1e-7
// relative error a term, ~3e-6 over the 32 terms of N = 2048). Mode 0 is the plain sum, b_0 = 0.
fn mode_partial(q: GatherModesParams, at: u32, k: u32, lane: u32) -> vec2<f32> {
  let n = q.preN;
  var a = 0.0;
  var b = 0.0;
  if (k == 0u) {
    for (var j = lane; j < n; j += 64u) { a += mode_source(q, at, j); }
    return vec2<f32>(a, 0.0);
  }
  let m = (k * lane) % n;
  let d = (64u * k) % n;
  var c = tables[q.trigBase + m];
  var s = tables[q.trigBase + n + m];
  let dc = tables[q.trigBase + d];
  let ds = tables[q.trigBase + n + d];
  for (var j = lane; j < n; j += 64u) {
    let x = mode_source(q, at, j);
    a += x * c;
    b += x * s;
    let next = c * dc - s * ds;
    s = s * dc + c * ds;
    c = next;
  }
  return vec2<f32>(a, b);
}

// Tree sum of the 64 lane partials at partialA/B[base … base + 63] into [base]; every invocation of the workgroup calls it.
fn reduce_mode_partials(base: u32, lane: u32) {
  for (var half = 32u; half > 0u; half >>= 1u) {
    workgroupBarrier();
    if (lane < half) {
      partialA[base + lane] += partialA[base + lane + half];
      partialB[base + lane] += partialB[base + lane + half];
    }
  }
}
