/**
 * WebAssembly SIMD form of the CPU backend's grid-sheet kernels (AssemblyScript,
 * built by scripts/build-wasm.mjs into src/model/kernels/grid-sheet-wasm.ts).
 *
 * The references are sheetInput and gridSheetUpdate in
 * src/model/kernels/grid-sheet.ts (with RealFft2d and Fft.columns,
 * src/model/fft.ts): this file performs the same operations in the same order,
 * so the state arena gets the same bits (tests/engine/wasm-kernels.test.ts).
 * sheetInput, in f64: the radix-2 butterflies, whose inner loop runs along
 * contiguous rows, take two columns per f64x2 vector, and the spectral product
 * two k_x; the packing is scalar. sheetUpdate, in f32 (each TypeScript operation
 * rounds to f32): four neurons per f32x4 vector.
 * Pointers are byte offsets into the backend's arena memory (src/engine/cpu/wasm-kernels.ts).
 */

/** SHEET_ACTIVITY_FLOOR of src/model/kernels/grid-sheet.ts: 2^-64 */
const ACTIVITY_FLOOR: f32 = 5.421010862427522e-20;

@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

/**
 * Fft.columns: the transform of every column x < width of an n-row grid
 * (re[x + k·width], im[…]), forward (sign −1) or inverse (+1), unscaled.
 * cos, sin: n/2 twiddles; rev: n bit-reversed indices (u32), all from the host's Fft.
 */
function columns(re: usize, im: usize, n: i32, width: i32, inverse: bool, cos: usize, sin: usize, rev: usize): void {
  for (let i = 0; i < n; i++) {
    const j = <i32>load<u32>(rev + (<usize>i << 2));
    if (j > i) {
      const a = <usize>(i * width) << 3, b = <usize>(j * width) << 3;
      for (let x = 0; x < width; x++) {
        const o = <usize>x << 3;
        let t = load<f64>(re + a + o); store<f64>(re + a + o, load<f64>(re + b + o)); store<f64>(re + b + o, t);
        t = load<f64>(im + a + o); store<f64>(im + a + o, load<f64>(im + b + o)); store<f64>(im + b + o, t);
      }
    }
  }
  const sign: f64 = inverse ? 1 : -1;
  const vectors = width & ~1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const wr = f64At(cos, k * step), wi = sign * f64At(sin, k * step);
        const vwr = f64x2.splat(wr), vwi = f64x2.splat(wi);
        const a = re + (<usize>((start + k) * width) << 3), ai0 = im + (<usize>((start + k) * width) << 3);
        const b = re + (<usize>((start + k + half) * width) << 3), bi0 = im + (<usize>((start + k + half) * width) << 3);
        let x = 0;
        for (; x < vectors; x += 2) {
          const o = <usize>x << 3;
          const br = v128.load(b + o), bi = v128.load(bi0 + o);
          const tr = f64x2.sub(f64x2.mul(br, vwr), f64x2.mul(bi, vwi));
          const ti = f64x2.add(f64x2.mul(br, vwi), f64x2.mul(bi, vwr));
          const ar = v128.load(a + o), ai = v128.load(ai0 + o);
          v128.store(b + o, f64x2.sub(ar, tr)); v128.store(bi0 + o, f64x2.sub(ai, ti));
          v128.store(a + o, f64x2.add(ar, tr)); v128.store(ai0 + o, f64x2.add(ai, ti));
        }
        for (; x < width; x++) {
          const br = f64At(b, x), bi = f64At(bi0, x);
          const tr = br * wr - bi * wi, ti = br * wi + bi * wr;
          const ar = f64At(a, x), ai = f64At(ai0, x);
          setF64(b, x, ar - tr); setF64(bi0, x, ai - ti);
          setF64(a, x, ar + tr); setF64(ai0, x, ai + ti);
        }
      }
    }
  }
}

/** Two f32 values at ptr as f64 lanes. */
@inline function f32Pair(ptr: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(ptr));
}

/** The two lanes exchanged. */
@inline function swap(v: v128): v128 {
  return v128.shuffle<u64>(v, v, 1, 0);
}

/**
 * sheetInput of src/model/kernels/grid-sheet.ts for a side × side sheet: the
 * sheet's activity at src (f32), the spectra M_0..M_3 at spectra (f32, M_q's real
 * part at q·2·side², its imaginary part side² further), the input written to dst (f32).
 * Work buffers (f64): re, im, outRe, outIm (side · (side/2 + 1) each), pairRe, pairIm (side²/2 each).
 */
export function sheetInput(
  n: i32, src: usize, dst: usize, spectra: usize,
  re: usize, im: usize, outRe: usize, outIm: usize, pRe: usize, pIm: usize,
  cos: usize, sin: usize, rev: usize,
): void {
  const nn = n * n, h = n >> 1, pairs = n >> 1, w = h + 1;
  // RealFft2d.forward: rows 2m, 2m + 1 as one complex line, transformed along x
  for (let m = 0; m < pairs; m++) {
    const even = src + (<usize>(2 * m * n) << 2), odd = even + (<usize>n << 2);
    for (let x = 0; x < n; x++) {
      setF64(pRe, x * pairs + m, <f64>load<f32>(even + (<usize>x << 2)));
      setF64(pIm, x * pairs + m, <f64>load<f32>(odd + (<usize>x << 2)));
    }
  }
  columns(pRe, pIm, n, pairs, false, cos, sin, rev);
  for (let k = 0; k < w; k++) {
    const a = k * pairs, b = ((n - k) & (n - 1)) * pairs;
    for (let m = 0; m < pairs; m++) {
      const zr = f64At(pRe, a + m), zi = f64At(pIm, a + m), cr = f64At(pRe, b + m), ci = -f64At(pIm, b + m);
      setF64(re, 2 * m * w + k, 0.5 * (zr + cr));
      setF64(im, 2 * m * w + k, 0.5 * (zi + ci));
      setF64(re, (2 * m + 1) * w + k, 0.5 * (zi - ci));
      setF64(im, (2 * m + 1) * w + k, -0.5 * (zr - cr));
    }
  }
  columns(re, im, n, w, false, cos, sin, rev);
  // the spectral product Σ_q M_q(k) ŝ(k + q·side/2) over the kept half
  const m0 = spectra, m1 = m0 + (<usize>(2 * nn) << 2), m2 = m0 + (<usize>(4 * nn) << 2), m3 = m0 + (<usize>(6 * nn) << 2);
  const imag = <usize>nn << 2;
  for (let ky = 0; ky < n; ky++) {
    const ky2 = (ky + h) & (n - 1);
    const my = (n - ky) & (n - 1), my2 = (n - ky2) & (n - 1);
    {
      // k_x = 0, scalar: (side/2, ·) is kept
      const k = <usize>(ky * n) << 2;
      const a0r = f64At(re, ky * w), a0i = f64At(im, ky * w), a1r = f64At(re, ky * w + h), a1i = f64At(im, ky * w + h);
      const a2r = f64At(re, ky2 * w), a2i = f64At(im, ky2 * w), a3r = f64At(re, ky2 * w + h), a3i = f64At(im, ky2 * w + h);
      const m0r = <f64>load<f32>(m0 + k), m0i = <f64>load<f32>(m0 + imag + k), m1r = <f64>load<f32>(m1 + k), m1i = <f64>load<f32>(m1 + imag + k);
      const m2r = <f64>load<f32>(m2 + k), m2i = <f64>load<f32>(m2 + imag + k), m3r = <f64>load<f32>(m3 + k), m3i = <f64>load<f32>(m3 + imag + k);
      setF64(outRe, ky * w, m0r * a0r - m0i * a0i + m1r * a1r - m1i * a1i + m2r * a2r - m2i * a2i + m3r * a3r - m3i * a3i);
      setF64(outIm, ky * w, m0r * a0i + m0i * a0r + m1r * a1i + m1i * a1r + m2r * a2i + m2i * a2r + m3r * a3i + m3i * a3r);
    }
    // k_x = 1 … side/2 two at a time (w = side/2 + 1 is odd): (k_x + side/2, ·) is the conjugate
    // at (side/2 − k_x, −k_y), read backwards (lanes swapped)
    for (let kx = 1; kx < w; kx += 2) {
      const k = <usize>(ky * n + kx) << 2;
      const o0 = <usize>(ky * w + kx) << 3, o2 = <usize>(ky2 * w + kx) << 3;
      const r1 = <usize>(my * w + h - kx - 1) << 3, r3 = <usize>(my2 * w + h - kx - 1) << 3;
      const a0r = v128.load(re + o0), a0i = v128.load(im + o0), a2r = v128.load(re + o2), a2i = v128.load(im + o2);
      const a1r = swap(v128.load(re + r1)), a1i = f64x2.neg(swap(v128.load(im + r1)));
      const a3r = swap(v128.load(re + r3)), a3i = f64x2.neg(swap(v128.load(im + r3)));
      const m0r = f32Pair(m0 + k), m0i = f32Pair(m0 + imag + k), m1r = f32Pair(m1 + k), m1i = f32Pair(m1 + imag + k);
      const m2r = f32Pair(m2 + k), m2i = f32Pair(m2 + imag + k), m3r = f32Pair(m3 + k), m3i = f32Pair(m3 + imag + k);
      // the TypeScript sums, left to right
      let sr = f64x2.sub(f64x2.mul(m0r, a0r), f64x2.mul(m0i, a0i));
      sr = f64x2.sub(f64x2.add(sr, f64x2.mul(m1r, a1r)), f64x2.mul(m1i, a1i));
      sr = f64x2.sub(f64x2.add(sr, f64x2.mul(m2r, a2r)), f64x2.mul(m2i, a2i));
      sr = f64x2.sub(f64x2.add(sr, f64x2.mul(m3r, a3r)), f64x2.mul(m3i, a3i));
      let si = f64x2.add(f64x2.mul(m0r, a0i), f64x2.mul(m0i, a0r));
      si = f64x2.add(f64x2.add(si, f64x2.mul(m1r, a1i)), f64x2.mul(m1i, a1r));
      si = f64x2.add(f64x2.add(si, f64x2.mul(m2r, a2i)), f64x2.mul(m2i, a2r));
      si = f64x2.add(f64x2.add(si, f64x2.mul(m3r, a3i)), f64x2.mul(m3i, a3r));
      v128.store(outRe + o0, sr);
      v128.store(outIm + o0, si);
    }
  }
  // RealFft2d.inverse, scaled by 1/side²
  columns(outRe, outIm, n, w, true, cos, sin, rev);
  for (let k = 0; k < n; k++) {
    const kept = k < w ? k : n - k;
    const conj: f64 = k < w ? 1 : -1;
    for (let m = 0; m < pairs; m++) {
      const ar = f64At(outRe, 2 * m * w + kept), ai = conj * f64At(outIm, 2 * m * w + kept);
      const br = f64At(outRe, (2 * m + 1) * w + kept), bi = conj * f64At(outIm, (2 * m + 1) * w + kept);
      setF64(pRe, k * pairs + m, ar - bi);
      setF64(pIm, k * pairs + m, ai + br);
    }
  }
  columns(pRe, pIm, n, pairs, true, cos, sin, rev);
  const scale: f64 = 1 / <f64>nn;
  for (let m = 0; m < pairs; m++) {
    const even = dst + (<usize>(2 * m * n) << 2), odd = even + (<usize>n << 2);
    for (let x = 0; x < n; x++) {
      store<f32>(even + (<usize>x << 2), <f32>(f64At(pRe, x * pairs + m) * scale));
      store<f32>(odd + (<usize>x << 2), <f32>(f64At(pIm, x * pairs + m) * scale));
    }
  }
}

/**
 * gridSheetUpdate of src/model/kernels/grid-sheet.ts without input noise, for a
 * sheet of rows of side neurons (side a multiple of 4): s ← f + (s − f)·decay,
 * f = gain·max(0, I + drive_d), d = (x mod 2) + 2 (y mod 2), then 0 below
 * ACTIVITY_FLOOR; activity s at sheet (f32), the input I n neurons further.
 */
export function sheetUpdate(n: i32, side: i32, sheet: usize, drive0: f32, drive1: f32, drive2: f32, drive3: f32, gain: f32, decay: f32): void {
  const input = sheet + (<usize>n << 2);
  const evenRows = f32x4(drive0, drive1, drive0, drive1), oddRows = f32x4(drive2, drive3, drive2, drive3);
  const zero = f32x4.splat(0), vGain = f32x4.splat(gain), vDecay = f32x4.splat(decay), floor = f32x4.splat(ACTIVITY_FLOOR);
  for (let y = 0, i = 0; y < n / side; y++) {
    const drive = y & 1 ? oddRows : evenRows;
    for (let x = 0; x < side; x += 4, i += 4) {
      const o = <usize>i << 2;
      const fr = f32x4.mul(vGain, f32x4.max(zero, f32x4.add(v128.load(input + o), drive)));
      const next = f32x4.add(fr, f32x4.mul(f32x4.sub(v128.load(sheet + o), fr), vDecay));
      v128.store(sheet + o, v128.andnot(next, f32x4.lt(next, floor)));
    }
  }
}
