// Samples selected state values into the sample arena every everySteps-th step.
// Pipeline: src/engine/gpu/kernels/state-probe.ts. CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 params, 1 state, 2 conn, 3 samples.

struct StateProbeParams { count: u32, srcBase: u32, indexBase: u32, samplesBase: u32, everySteps: u32 }

@group(1) @binding(0) var<uniform> p: StateProbeParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> conn: array<u32>;
@group(1) @binding(3) var<storage, read_write> samples: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let k = gid.x;
  let step = current_step();
  if (k >= p.count || step % p.everySteps != 0u) { return; }
  let slot = step / p.everySteps - (chunk.baseStep + p.everySteps - 1u) / p.everySteps;
  samples[p.samplesBase + slot * p.count + k] = state[p.srcBase + conn[p.indexBase + k]];
}
