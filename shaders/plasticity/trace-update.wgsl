// Plasticity traces of one side of a plastic projection, one step, one thread per neuron:
// decay of the spike and calcium traces, arrivals of delayed calcium transients, the rate
// estimate, the BCM threshold and the protein pool; then, if the neuron is in this step's
// spike list, spk, +1 on its spike traces, its rate jump, and its calcium transient queued
// delaySteps ahead (or added now when the delay is 0). Each workgroup first marks which of
// its 64 neurons spiked by scanning the spike list. Sections: spk, t1, t2, ca, rate, theta,
// protein, pending0..3 (n floats each, from traceBase). A phase kernel (src/engine/gpu/phase.ts):
// the sides' blocks are disjoint, so every side of the step shares one dispatch.
// Arenas: state, acc, spikes (common/arenas.wgsl).
// CPU reference: src/model/kernels/plasticity.ts (traceUpdate).

struct TraceUpdateParams {
  n: u32, traceBase: u32, protein: u32, protAccBase: u32,
  decay1: f32, decay2: f32, decayCa: f32, rateKeep: f32, thetaRate: f32, invY0: f32,
  protKeep: f32, protAlpha: f32, protThreshold: f32, protInvScale: f32,
  spikeBase: u32, delaySteps: u32, rateJump: f32,
}

const PENDING_SLOTS = 4u;

// 1 where the workgroup's neuron (first + local index) spiked this step (workgroup memory starts zeroed)
var<workgroup> spiked: array<u32, 64>;

fn trace_update(p: TraceUpdateParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
  let n = p.n;
  let parity = current_step() & 1u;
  let count = atomicLoad(&spikes[p.spikeBase + parity]);
  let list = p.spikeBase + SPIKE_HEADER + parity * n;
  let first = i - lid;
  for (var s = lid; s < count; s += 64u) {
    // unsigned: a neuron below first wraps to a large offset
    let offset = atomicLoad(&spikes[list + s]) - first;
    if (offset < 64u) { spiked[offset] = 1u; }
  }
  workgroupBarrier();
  if (i >= n) { return; }

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

  if (spiked[lid] == 0u) { return; }
  state[b] = 1.0;
  state[b + n] += 1.0;
  state[b + 2u * n] += 1.0;
  state[b + 4u * n] += p.rateJump;
  if (p.delaySteps == 0u) {
    state[b + 3u * n] += 1.0;
    return;
  }
  for (var k = 0u; k < PENDING_SLOTS; k++) {
    if (state[b + (7u + k) * n] == 0.0) {
      state[b + (7u + k) * n] = f32(p.delaySteps);
      return;
    }
  }
}
