// The gather's second half, g_i from the Fourier modes: shared by gatherExpand
// and the fused step (fused/fused-step.wgsl). Users declare `state` and `tables`.
// CPU reference: src/model/kernels/synapses.ts.

struct GatherExpandParams { postN: u32, preN: u32, dstBase: u32, modesBase: u32, modeCount: u32, trigBase: u32, coefBase: u32, accumulate: u32 }

// dst[i] = (accumulate ? dst[i] : 0) + Σ_k c_k (a_k cos(2πki/N) + b_k sin(2πki/N)).
fn expand_modes(q: GatherExpandParams, i: u32) {
  let n = q.preN;
  var g = tables[q.coefBase] * state[q.modesBase];
  var m = 0u;
  for (var k = 1u; k < q.modeCount; k++) {
    m = (m + i) % n;
    g += tables[q.coefBase + k] * (state[q.modesBase + 2u * k] * tables[q.trigBase + m] + state[q.modesBase + 2u * k + 1u] * tables[q.trigBase + n + m]);
  }
  var prev = 0.0;
  if (q.accumulate != 0u) { prev = state[q.dstBase + i]; }
  state[q.dstBase + i] = prev + g;
}
