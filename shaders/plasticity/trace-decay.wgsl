// Plasticity traces of one side of a plastic projection, part 1 (every neuron):
// decay of the spike and calcium traces, arrivals of delayed calcium transients,
// the rate estimate, the BCM threshold and the protein pool. Sections: spk, t1,
// t2, ca, rate, theta, protein, pending0..3 (n floats each, from traceBase).
// CPU reference: src/model/kernels/plasticity.ts (traceDecay).
// Bindings (group 1): 0 params, 1 state, 2 acc.

struct TraceDecayParams {
  n: u32, traceBase: u32, protein: u32, protAccBase: u32,
  decay1: f32, decay2: f32, decayCa: f32, rateKeep: f32, thetaRate: f32, invY0: f32,
  protKeep: f32, protAlpha: f32, protThreshold: f32, protInvScale: f32,
}

@group(1) @binding(0) var<uniform> p: TraceDecayParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> acc: array<atomic<i32>>;

const PENDING_SLOTS = 4u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  if (i >= p.n) { return; }
  let n = p.n;
  let b = p.traceBase + i;
  state[b] = 0.0;
  state[b + n] = state[b + n] * p.decay1;
  state[b + 2u * n] = state[b + 2u * n] * p.decay2;
  var ca = state[b + 3u * n] * p.decayCa;
  for (var k = 0u; k < PENDING_SLOTS; k++) {
    let left = state[b + (7u + k) * n];
    if (left > 0.0) {
      state[b + (7u + k) * n] = left - 1.0;
      if (left == 1.0) { ca += 1.0; }
    }
  }
  state[b + 3u * n] = ca;
  let rate = state[b + 4u * n] * p.rateKeep;
  state[b + 4u * n] = rate;
  let theta = state[b + 5u * n];
  state[b + 5u * n] = theta + p.thetaRate * (rate * rate * p.invY0 - theta);
  if (p.protein != 0u) {
    let sum = f32(atomicLoad(&acc[p.protAccBase + i])) * p.protInvScale;
    atomicStore(&acc[p.protAccBase + i], 0);
    let synth = select(0.0, p.protAlpha, sum > p.protThreshold);
    state[b + 6u * n] = synth + (state[b + 6u * n] - synth) * p.protKeep;
  }
}
