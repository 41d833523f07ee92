// One step of a feed-forward grid-cell population: cell i spikes with
// probability pScale · max(0, S − offset), S = Σ_j cos(kx_j x + ky_j y − phase_j);
// or of a place-cell population (gaussian = 1): pScale · 2^(d² · offset), d the
// distance to the cell's centre (exp2_f32 below, for the same reason as cos_f32)
// at the agent's position (x, y) of this step (uploaded per chunk into tables at
// pathBase, two floats per step); spike list, record and rate counts as in
// source-update.wgsl. The cosine is cos_f32 below, not the builtin (whose
// accuracy varies by implementation), so the CPU reference computes the same bits.
// A phase kernel (src/engine/gpu/phase.ts): it shares a dispatch with the step's other
// population updates. Arenas: tables, spikes, record, counts (common/arenas.wgsl).
// CPU reference: src/model/kernels/grid-update.ts (same f32 operations in the same order).

struct GridUpdateParams {
  gaussian: u32, n: u32, spikeBase: u32, recordBase: u32, recordLimit: u32, recordCap: u32, countsBase: u32,
  countGroupSize: u32, countGroups: u32, binSteps: u32, seed: u32, streamBase: u32,
  tableBase: u32, pathBase: u32, offset: f32, pScale: f32,
}

const TWO_PI: f32 = 6.283185307179586;
const INV_TWO_PI: f32 = 0.15915494309189535;
const PI: f32 = 3.141592653589793;
const HALF_PI: f32 = 1.5707963267948966;

// cos(r) for r in about [−π, π]: folded to h ∈ [0, π/2] (cos r = −cos(π − |r|)),
// then the Taylor polynomial to h^12 in h² by Horner's rule (error < 1e-8).
fn cos_f32(r: f32) -> f32 {
  let q = abs(r);
  let far = q > HALF_PI;
  let h = select(q, PI - q, far);
  let z = h * h;
  var c: f32 = 2.08767569878681e-9;
  c = c * z + -2.755731922398589e-7;
  c = c * z + 0.0000248015873015873;
  c = c * z + -0.001388888888888889;
  c = c * z + 0.041666666666666664;
  c = c * z + -0.5;
  c = c * z + 1.0;
  return select(c, -c, far);
}

// 2^t for t ≤ 0: t = n + f, f ∈ [0, 1), 2^f = e^(f ln 2) by its Taylor polynomial to f^9
// (error < 1e-8), times 2^n exactly; 0 below 2^-126 (no subnormals).
fn exp2_f32(t: f32) -> f32 {
  if (t < -126.0) { return 0.0; }
  let n = floor(t);
  let f = t - n;
  var c: f32 = 1.0178086009239696e-07;
  c = c * f + 1.3215486790144305e-06;
  c = c * f + 1.5252733804059838e-05;
  c = c * f + 0.00015403530393381606;
  c = c * f + 0.0013333558146428441;
  c = c * f + 0.009618129107628477;
  c = c * f + 0.055504108664821576;
  c = c * f + 0.2402265069591007;
  c = c * f + 0.6931471805599453;
  c = c * f + 1.0;
  return ldexp(c, i32(n));
}

fn spike_probability(p: GridUpdateParams, i: u32, x: f32, y: f32) -> f32 {
  if (p.gaussian != 0u) {
    let dx = x - tables[p.tableBase + i];
    let dy = y - tables[p.tableBase + p.n + i];
    let d2 = dx * dx + dy * dy;
    return p.pScale * exp2_f32(d2 * p.offset);
  }
  let n3 = 3u * p.n;
  var s = 0.0;
  for (var j = 0u; j < 3u; j++) {
    let b = p.tableBase + 3u * i + j;
    let kx = tables[b] * x;
    let ky = tables[b + n3] * y;
    let a = (kx + ky) - tables[b + 2u * n3];
    let turns = floor(a * INV_TWO_PI + 0.5);
    let r = a - TWO_PI * turns;
    s = s + cos_f32(r);
  }
  return p.pScale * max(0.0, s - p.offset);
}

fn grid_update(p: GridUpdateParams, wg: u32, wgs: u32, lid: u32) {
  let i = wg * 64u + lid;
  let step = current_step();
  let parity = step & 1u;
  if (i == 0u) { atomicStore(&spikes[p.spikeBase + 1u - parity], 0u); }
  if (i >= p.n) { return; }
  let k = step - chunk.baseStep;
  let x = tables[p.pathBase + 2u * k];
  let y = tables[p.pathBase + 2u * k + 1u];
  if (rng_uniform(p.seed, step, i, p.streamBase) >= spike_probability(p, i, x, y)) { return; }
  let slot = atomicAdd(&spikes[p.spikeBase + parity], 1u);
  atomicStore(&spikes[p.spikeBase + SPIKE_HEADER + parity * p.n + slot], i);
  if (i < p.recordLimit) {
    let r = atomicAdd(&record[p.recordBase], 1u);
    if (r < p.recordCap) {
      atomicStore(&record[p.recordBase + RECORD_HEADER + 2u * r], k);
      atomicStore(&record[p.recordBase + RECORD_HEADER + 2u * r + 1u], i);
    }
  }
  if (p.countGroupSize > 0u) {
    let bin = step / p.binSteps - chunk.baseStep / p.binSteps;
    atomicAdd(&counts[p.countsBase + bin * p.countGroups + i / p.countGroupSize], 1u);
  }
}
