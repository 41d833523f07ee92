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
// i + N/2 where paired (the odd modes' sum with the sign flipped). cos and sin of the odd and of the
// even modes advance on two independent rotations through 4πi/N (no table read or index modulo per
// mode, and two short dependency chains rather than one long one: 14.5 against 15.6 µs a fused ring
// step on an H100; ~1e-7 relative error a mode).
fn expand_modes(q: GatherExpandParams, at: u32, i: u32) {
  let n = q.preN;
  let t0 = expand_term(q, at, 0u);
  var even = t0.x * t0.y;
  var odd = 0.0;
  if (q.modeCount > 1u) {
    let m = i % n;
    let c1 = tables[q.trigBase + m];
    let s1 = tables[q.trigBase + n + m];
    let c2 = c1 * c1 - s1 * s1;
    let s2 = 2.0 * s1 * c1;
    var cOdd = c1;
    var sOdd = s1;
    var cEven = c2;
    var sEven = s2;
    var k = 1u;
    for (; k + 1u < q.modeCount; k += 2u) {
      let tOdd = expand_term(q, at, k);
      let tEven = expand_term(q, at, k + 1u);
      odd += tOdd.x * (tOdd.y * cOdd + tOdd.z * sOdd);
      even += tEven.x * (tEven.y * cEven + tEven.z * sEven);
      let nextOdd = cOdd * c2 - sOdd * s2;
      sOdd = sOdd * c2 + cOdd * s2;
      cOdd = nextOdd;
      let nextEven = cEven * c2 - sEven * s2;
      sEven = sEven * c2 + cEven * s2;
      cEven = nextEven;
    }
    if (k < q.modeCount) {
      let tOdd = expand_term(q, at, k);
      odd += tOdd.x * (tOdd.y * cOdd + tOdd.z * sOdd);
    }
  }
  expand_store(q, i, even + odd);
  if (expand_count(q) < q.postN) { expand_store(q, i + n / 2u, even - odd); }
}

fn expand_store(q: GatherExpandParams, i: u32, g: f32) {
  var prev = 0.0;
  if (q.accumulate != 0u) { prev = state[q.dstBase + i]; }
  state[q.dstBase + i] = prev + g;
}
