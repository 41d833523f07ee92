// Samples selected state values into the sample arena every everySteps-th step (state-sample.wgsl).
// Pipeline: src/engine/gpu/kernels.ts (stateProbe, synapseProbe). CPU reference: src/model/kernels/synapses.ts.
// Bindings (group 1): 0 params, 1 state, 2 conn, 3 samples.

@group(1) @binding(0) var<uniform> p: StateProbeParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> conn: array<u32>;
@group(1) @binding(3) var<storage, read_write> samples: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let k = gid.x;
  if (k >= p.count) { return; }
  sample_state(p, k, current_step(), chunk.baseStep);
}
