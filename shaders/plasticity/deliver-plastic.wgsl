// Push delivery of the previous step's spikes through per-synapse efficacies:
// acc[post] += round(weightScale · w) (w + z with a late phase), fixed point.
// Synapses are numbered by presynaptic row: dense (all-to-all) s = pre·postN +
// post, otherwise a CSR (rowStart at rowBase, targets at postConnBase).
// Workgroups stride over the spike list, threads over a row.
// CPU reference: src/model/kernels/plasticity.ts (deliverPlastic).
// Bindings (group 1): 0 params, 1 spikes, 2 conn, 3 syn, 4 acc.

struct DeliverPlasticParams {
  preSpikeBase: u32, preN: u32, postN: u32, dense: u32, rowBase: u32, postConnBase: u32,
  postAccBase: u32, wBase: u32, zBase: u32, late: u32, weightScale: f32,
}

@group(1) @binding(0) var<uniform> p: DeliverPlasticParams;
@group(1) @binding(1) var<storage, read_write> spikes: array<atomic<u32>>;
@group(1) @binding(2) var<storage, read> conn: array<u32>;
@group(1) @binding(3) var<storage, read_write> syn: array<f32>;
@group(1) @binding(4) var<storage, read_write> acc: array<atomic<i32>>;

const SPIKE_HEADER = 4u;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let parity = (current_step() - 1u) & 1u;
  let count = atomicLoad(&spikes[p.preSpikeBase + parity]);
  let list = p.preSpikeBase + SPIKE_HEADER + parity * p.preN;
  for (var k = wid.x; k < count; k += nwg.x) {
    let pre = atomicLoad(&spikes[list + k]);
    var start = pre * p.postN;
    var end = start + p.postN;
    if (p.dense == 0u) {
      start = conn[p.rowBase + pre];
      end = conn[p.rowBase + pre + 1u];
    }
    for (var s = start + lid; s < end; s += 64u) {
      var post = s - start;
      if (p.dense == 0u) { post = conn[p.postConnBase + s]; }
      var eff = syn[p.wBase + s];
      if (p.late != 0u) { eff += syn[p.zBase + s]; }
      atomicAdd(&acc[p.postAccBase + post], i32(floor(p.weightScale * eff + 0.5)));
    }
  }
}
