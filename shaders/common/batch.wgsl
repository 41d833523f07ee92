// Batched dispatches: up to MAX_BATCH dispatches of one kernel in one (src/engine/plan.ts,
// dispatchBatches). Slot k holds one dispatch's parameters and runs on workgroups
// [first[k], first[k + 1]) of the grid; unused slots start at 0xffffffff. Prepended by
// src/engine/gpu/shaders.ts with `struct BatchSlot { @size(bytes) q: <Params> }`.
// Host packing: packBatch in src/engine/gpu/struct.ts.

struct Batch { first: array<vec4<u32>, MAX_BATCH / 4u>, slots: array<BatchSlot, MAX_BATCH> }

@group(1) @binding(0) var<uniform> batch: Batch;

fn batch_first(k: u32) -> u32 { return batch.first[k / 4u][k % 4u]; }

// (slot, invocation index within the slot) of a 64-wide workgroup's invocation in a 1-D or
// 2-D grid; the slot is uniform over the workgroup.
fn batch_at(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> vec2<u32> {
  let wg = wid.x + wid.y * nwg.x;
  var k = 0u;
  for (var m = 1u; m < MAX_BATCH; m++) {
    if (wg >= batch_first(m)) { k = m; }
  }
  return vec2<u32>(k, (wg - batch_first(k)) * 64u + lid);
}
