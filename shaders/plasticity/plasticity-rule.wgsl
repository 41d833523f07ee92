// A plastic projection's parameters and the per-synapse arithmetic of the
// NMDA-gated Hebbian rule, shared by the synapse sweep (plasticity-update.wgsl)
// and its event-driven form (plasticity-events.wgsl), which declare the arena
// it reads (state). Equations and sources: src/model/plasticity-params.ts.
// CPU reference: src/model/kernels/plasticity.ts (updateSynapse).

struct PlasticityParams {
  rule: u32, synCount: u32, dense: u32, preN: u32, postN: u32, preConnBase: u32, postConnBase: u32,
  wBase: u32, zBase: u32, cBase: u32, storeC: u32, preTraceBase: u32, postTraceBase: u32,
  vBase: u32, hasV: u32, protAccBase: u32, proteinBase: u32, seed: u32, stream: u32, softBounds: u32, trkbBlock: u32,
  postSpikeBase: u32,
  gain: f32, wMin: f32, wMax: f32, aPlus: f32, aMinus: f32, a3Plus: f32, a3Minus: f32,
  cPre: f32, cPost: f32, thetaD: f32, thetaP: f32, gammaD: f32, gammaP: f32, rhoStar: f32,
  dtOverTau: f32, noiseAmp: f32, etaDt: f32, mgFactor: f32, nmdaOpen: f32,
  hMax: f32, tagThreshold: f32, dtOverTauZ: f32, protScale: f32, bdnf: f32, gammaH: f32,
}

// trace sections (TRACE_SECTIONS)
const SPK = 0u;
const T1 = 1u;
const T2 = 2u;
const CA = 3u;
const RATE = 4u;
const THETA = 5u;

// The NMDA-gated Hebbian rule at the synapse from presynaptic j to postsynaptic i
// with efficacy w: returns (the new w, its calcium signal c).
fn nmda_hebbian(q: PlasticityParams, w: f32, j: u32, i: u32) -> vec2<f32> {
  var unblocked = 1.0;
  if (q.hasV != 0u) { unblocked = 1.0 / (1.0 + q.mgFactor * exp(-0.062 * state[q.vBase + i])); }
  let c = q.nmdaOpen * state[q.preTraceBase + T1 * q.preN + j] * unblocked;
  var dw = 0.0;
  if (c > q.thetaP) { dw = q.gammaP * (q.wMax - w); } else if (c > q.thetaD) { dw = -q.gammaD * (w - q.wMin); }
  // at a postsynaptic spike every input moves by the fraction gammaH toward its calcium's level (instar)
  dw = dw + q.gammaH * state[q.postTraceBase + SPK * q.postN + i] * ((q.wMax - q.wMin) * min(1.0, c / q.thetaP) - (w - q.wMin));
  return vec2<f32>(clamp(w + q.gain * dw, q.wMin, q.wMax), c);
}
