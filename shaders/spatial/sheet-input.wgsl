// Recurrent input of a continuous-attractor grid sheet (Burak & Fiete 2009):
// neuron i = y·side + x gets I_i = Σ_o K_d(o) s_j over the stencil offsets
// o ∈ [−half, span − half)² (mod side), j = i − o on the torus, d = j's
// preferred direction ((j_x mod 2) + 2 (j_y mod 2)); K_d in tables at
// tableBase + d·side² + o_y·side + o_x (weights W0(wrap(o − l ê_d)), zero beyond
// the truncation radius: src/model/grid-sheet.ts).
// CPU reference: src/model/kernels/grid-sheet.ts (sheetInput by FFT; sheetInputDirect in this order).
// Bindings (group 1): 0 params, 1 state, 2 tables.

struct SheetInputParams { side: u32, n: u32, srcBase: u32, dstBase: u32, tableBase: u32, span: u32, half: u32 }

@group(1) @binding(0) var<uniform> p: SheetInputParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> tables: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = linear_index(gid, nwg);
  if (i >= p.n) { return; }
  let n = p.side;
  let xi = i % n;
  let yi = i / n;
  let nn = n * n;
  // offsets and source columns advance by one with a wrap instead of a modulo per tap (same order)
  let ox0 = (n - p.half % n) % n;
  let jx0 = (xi + n - ox0) % n;
  var acc = 0.0;
  var oy = ox0;
  for (var by = 0u; by < p.span; by++) {
    let jy = (yi + n - oy) % n;
    let row = p.tableBase + oy * n;
    let src = p.srcBase + jy * n;
    let dy = 2u * (jy & 1u);
    var ox = ox0;
    var jx = jx0;
    for (var bx = 0u; bx < p.span; bx++) {
      let d = (jx & 1u) + dy;
      acc = acc + tables[row + d * nn + ox] * state[src + jx];
      ox = select(ox + 1u, 0u, ox + 1u == n);
      jx = select(jx - 1u, n - 1u, jx == 0u);
    }
    oy = select(oy + 1u, 0u, oy + 1u == n);
  }
  state[p.dstBase + i] = acc;
}
