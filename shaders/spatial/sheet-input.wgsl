// Recurrent input of a continuous-attractor grid sheet (Burak & Fiete 2009): the circular
// convolution of the activity s with the four direction subpopulations' weights, by FFT,
//   Î(k) = Σ_q M_q(k) ŝ(k + q side/2), q ∈ {0, 1}²   (M_q: src/model/grid-sheet.ts, sheetSpectrumTables),
// in three entry points the host dispatches in order, one workgroup per line:
//   forwardRows      each row y: FFT along x of s, into the spectrum scratch;
//   convolveColumns  each column pair (kx, kx + side/2): FFT along y of both, the product above
//                    (the four points (kx | kx + side/2, ky | ky + side/2) read the same four
//                    values, so one invocation forms all four), inverse FFT along y;
//   inverseRows      each row y: inverse FFT along x, I = Re / side² into the input section.
// Radix-2 decimation in time in workgroup memory: bit-reversed order in, log2(side) stages
// of butterflies, twiddles from tables. O(side² log side) a step instead of side⁴.
// CPU reference: src/model/kernels/grid-sheet.ts (sheetInput: the same convolution in f64, over half spectra).
// Bindings (group 1): 0 params, 1 state, 2 tables.

struct SheetInputParams { side: u32, n: u32, srcBase: u32, dstBase: u32, tableBase: u32, spectrumBase: u32 }

@group(1) @binding(0) var<uniform> p: SheetInputParams;
@group(1) @binding(1) var<storage, read_write> state: array<f32>;
@group(1) @binding(2) var<storage, read> tables: array<f32>;

const SHEET_WG = 64u;
// two lines of up to 512 points (GRID_SHEET_PARAMS.side.max): 8 KiB
var<workgroup> lineRe: array<f32, 1024>;
var<workgroup> lineIm: array<f32, 1024>;

fn bit_reverse(i: u32) -> u32 {
  return reverseBits(i) >> (32u - countTrailingZeros(p.side));
}

// The unscaled transform of `lines` lines of p.side points at line·side + … in lineRe/lineIm,
// stored in bit-reversed order: X_m = Σ_j x_j e^(sign 2πi jm/side), natural order out.
fn transform(lines: u32, lid: u32, sign: f32) {
  let n = p.side;
  let cosBase = p.tableBase + 8u * p.n;
  let sinBase = cosBase + n / 2u;
  for (var half = 1u; half < n; half <<= 1u) {
    workgroupBarrier();
    let stride = n / (2u * half);
    for (var b = lid; b < lines * n / 2u; b += SHEET_WG) {
      let j = b % (n / 2u);
      let k = j % half;
      let a = (b / (n / 2u)) * n + (j / half) * 2u * half + k;
      let c = a + half;
      let wr = tables[cosBase + k * stride];
      let wi = sign * tables[sinBase + k * stride];
      let br = lineRe[c];
      let bi = lineIm[c];
      let tr = br * wr - bi * wi;
      let ti = br * wi + bi * wr;
      let ar = lineRe[a];
      let ai = lineIm[a];
      lineRe[c] = ar - tr;
      lineIm[c] = ai - ti;
      lineRe[a] = ar + tr;
      lineIm[a] = ai + ti;
    }
  }
  workgroupBarrier();
}

@compute @workgroup_size(SHEET_WG)
fn forwardRows(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let n = p.side;
  for (var y = wg.x; y < n; y += nwg.x) {
    workgroupBarrier();
    for (var x = lid; x < n; x += SHEET_WG) {
      let r = bit_reverse(x);
      lineRe[r] = state[p.srcBase + y * n + x];
      lineIm[r] = 0.0;
    }
    transform(1u, lid, -1.0);
    for (var x = lid; x < n; x += SHEET_WG) {
      state[p.spectrumBase + y * n + x] = lineRe[x];
      state[p.spectrumBase + p.n + y * n + x] = lineIm[x];
    }
  }
}

// Σ_q M_q(k) a_q, complex (x real, y imaginary).
fn convolved(k: u32, a0: vec2<f32>, a1: vec2<f32>, a2: vec2<f32>, a3: vec2<f32>) -> vec2<f32> {
  var sum = vec2<f32>(0.0, 0.0);
  let a = array<vec2<f32>, 4>(a0, a1, a2, a3);
  for (var q = 0u; q < 4u; q++) {
    let m = vec2<f32>(tables[p.tableBase + 2u * q * p.n + k], tables[p.tableBase + (2u * q + 1u) * p.n + k]);
    sum += vec2<f32>(m.x * a[q].x - m.y * a[q].y, m.x * a[q].y + m.y * a[q].x);
  }
  return sum;
}

@compute @workgroup_size(SHEET_WG)
fn convolveColumns(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let n = p.side;
  let h = n / 2u;
  for (var kx = wg.x; kx < h; kx += nwg.x) {
    workgroupBarrier();
    // line 0: column kx, line 1: column kx + h, bit-reversed along ky
    for (var e = lid; e < 2u * n; e += SHEET_WG) {
      let at = (e / n) * h + kx + (e % n) * n;
      let to = (e / n) * n + bit_reverse(e % n);
      lineRe[to] = state[p.spectrumBase + at];
      lineIm[to] = state[p.spectrumBase + p.n + at];
    }
    transform(2u, lid, -1.0);
    // a_q = ŝ(k + q h) at k = (kx, ky): q = (1, 0) is the other line, q = (0, 1) the other half
    for (var ky = lid; ky < h; ky += SHEET_WG) {
      let a0 = vec2<f32>(lineRe[ky], lineIm[ky]);
      let a1 = vec2<f32>(lineRe[n + ky], lineIm[n + ky]);
      let a2 = vec2<f32>(lineRe[ky + h], lineIm[ky + h]);
      let a3 = vec2<f32>(lineRe[n + ky + h], lineIm[n + ky + h]);
      let k = ky * n + kx;
      let o0 = convolved(k, a0, a1, a2, a3);
      let o1 = convolved(k + h, a1, a0, a3, a2);
      let o2 = convolved(k + h * n, a2, a3, a0, a1);
      let o3 = convolved(k + h * n + h, a3, a2, a1, a0);
      lineRe[ky] = o0.x;
      lineIm[ky] = o0.y;
      lineRe[n + ky] = o1.x;
      lineIm[n + ky] = o1.y;
      lineRe[ky + h] = o2.x;
      lineIm[ky + h] = o2.y;
      lineRe[n + ky + h] = o3.x;
      lineIm[n + ky + h] = o3.y;
    }
    workgroupBarrier();
    // into bit-reversed order for the inverse: swap each pair (i, rev(i)) once
    for (var e = lid; e < 2u * n; e += SHEET_WG) {
      let r = (e / n) * n + bit_reverse(e % n);
      if (e < r) {
        let re = lineRe[e];
        let im = lineIm[e];
        lineRe[e] = lineRe[r];
        lineIm[e] = lineIm[r];
        lineRe[r] = re;
        lineIm[r] = im;
      }
    }
    transform(2u, lid, 1.0);
    for (var e = lid; e < 2u * n; e += SHEET_WG) {
      let at = (e / n) * h + kx + (e % n) * n;
      state[p.spectrumBase + at] = lineRe[e];
      state[p.spectrumBase + p.n + at] = lineIm[e];
    }
  }
}

@compute @workgroup_size(SHEET_WG)
fn inverseRows(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let n = p.side;
  let scale = 1.0 / f32(p.n);
  for (var y = wg.x; y < n; y += nwg.x) {
    workgroupBarrier();
    for (var x = lid; x < n; x += SHEET_WG) {
      let r = bit_reverse(x);
      lineRe[r] = state[p.spectrumBase + y * n + x];
      lineIm[r] = state[p.spectrumBase + p.n + y * n + x];
    }
    transform(1u, lid, 1.0);
    for (var x = lid; x < n; x += SHEET_WG) {
      state[p.dstBase + y * n + x] = lineRe[x] * scale;
    }
  }
}
