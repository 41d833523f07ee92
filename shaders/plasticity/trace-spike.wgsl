// Plasticity traces, part 2: each neuron in this step's spike list marks spk,
// adds 1 to its spike traces and its rate jump, and queues its calcium
// transient delaySteps ahead (or adds it now when the delay is 0).
// CPU reference: src/model/kernels/plasticity.ts (traceSpike).
// Bindings (group 1): 0 params, 1 state, 2 spikes.

struct TraceSpikeParams { n: u32, spikeBase: u32, traceBase: u32, delaySteps: u32, rateJump: f32 }

@group(1) @binding(0) var<uniform> p: TraceSpikeParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read_write> spikes: array<atomic<u32>>;

const SPIKE_HEADER = 4u;
const PENDING_SLOTS = 4u;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let s = linear_index(gid, nwg);
  let parity = current_step() & 1u;
  if (s >= atomicLoad(&spikes[p.spikeBase + parity])) { return; }
  let n = p.n;
  let b = p.traceBase + atomicLoad(&spikes[p.spikeBase + SPIKE_HEADER + parity * n + s]);
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
