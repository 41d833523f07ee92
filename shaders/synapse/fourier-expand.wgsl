// The gather's second half, g_i from the Fourier modes: shared by gatherExpand
// and the fused step (fused/fused-step.wgsl). Users declare `state`, `tables` and
// `fn expand_term(q, at, k) -> vec3<f32>`: (c_k, a_k, b_k), the profile's coefficient and the
// modes (`at`: where the user keeps them, for a user that stages them).
// CPU reference: src/model/kernels/synapses.ts.

struct GatherExpandParams { postN: u32, preN: u32, dstBase: u32, modesBase: u32, modeCount: u32, trigBase: u32, coefBase: u32, accumulate: u32 }

// Cells i < expand_count(q) call expand_modes: where the ring maps onto itself with N even, cell
// i also computes cell i + N/2, whose cos and sin of mode k are (−1)^k those of cell i.
fn expand_count(q: GatherExpandParams) -> u32 {
  return select(q.postN, q.postN / 2u, q.postN == q.preN && (q.preN & 1u) == 0u);
}

// dst[i] = (accumulate ? dst[i] : 0) + Σ_k c_k (a_k cos(2πki/N) + b_k sin(2πki/N)), and the same at
// i + N/2 where paired; cos and sin of mode k + 1 from those of mode k by a rotation through
// 2πi/N (no table read or index modulo per mode; ~1e-7 relative error a mode).
fn expand_modes(q: GatherExpandParams, at: u32, i: u32) {
  let n = q.preN;
  let t0 = expand_term(q, at, 0u);
  var g = t0.x * t0.y;
  var gPair = g;
  if (q.modeCount > 1u) {
    let m = i % n;
    let c1 = tables[q.trigBase + m];
    let s1 = tables[q.trigBase + n + m];
    var c = c1;
    var s = s1;
    for (var k = 1u; k < q.modeCount; k++) {
      let t = expand_term(q, at, k);
      let term = t.x * (t.y * c + t.z * s);
      g += term;
      gPair += select(term, -term, (k & 1u) == 1u);
      let next = c * c1 - s * s1;
      s = s * c1 + c * s1;
      c = next;
    }
  }
  expand_store(q, i, g);
  if (expand_count(q) < q.postN) { expand_store(q, i + n / 2u, gPair); }
}

fn expand_store(q: GatherExpandParams, i: u32, g: f32) {
  var prev = 0.0;
  if (q.accumulate != 0u) { prev = state[q.dstBase + i]; }
  state[q.dstBase + i] = prev + g;
}
