// One step of one rate population: τ dr/dt = −r + min(rMax, gain·max(0, I − θ)).
// A phase kernel (src/engine/gpu/phase.ts): it shares a dispatch with the step's other
// population updates. Arenas: state (common/arenas.wgsl). CPU reference: src/model/kernels/rate-update.ts.

struct RateUpdateParams {
  n: u32, stateBase: u32, hasRateIn: u32, hasStimulus: u32,
  noiseOn: u32, seed: u32, streamBase: u32,
  decay: f32, gain: f32, threshold: f32, rMax: f32, bias: f32, noise: f32,
}

fn rate_update(p: RateUpdateParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
  if (i >= p.n) { return; }
  let n = p.n;
  let b = p.stateBase;
  var input = p.bias;
  if (p.hasRateIn != 0u) { input += state[b + n + i]; }
  if (p.hasStimulus != 0u) { input += state[b + 2u * n + i]; }
  if (p.noiseOn != 0u) { input += p.noise * rng_normal(p.seed, current_step(), i, p.streamBase + 2u); }
  let f = min(p.rMax, p.gain * max(0.0, input - p.threshold));
  state[b + i] = f + (state[b + i] - f) * p.decay;
}
