// One step of one rate population: τ dr/dt = −r + min(rMax, gain·max(0, I − θ)).
// Pipeline: src/engine/gpu/kernels/rate-update.ts. CPU reference: src/model/kernels/rate-update.ts.
// Bindings (group 1): 0 params, 1 state.

struct RateUpdateParams {
  n: u32, stateBase: u32, hasRateIn: u32, hasStimulus: u32,
  noiseOn: u32, seed: u32, streamBase: u32,
  decay: f32, gain: f32, threshold: f32, rMax: f32, bias: f32, noise: f32,
}

@group(1) @binding(0) var<uniform> p: RateUpdateParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
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
