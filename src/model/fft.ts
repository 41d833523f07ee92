/**
 * In-place radix-2 complex 2-D FFT on a side × side grid (separate real and
 * imaginary f64 arrays, row-major, x fastest). The grid sheet's weights are
 * translation-invariant on the torus, so its recurrent input is a circular
 * convolution: their spectra (src/model/grid-sheet.ts) come from this
 * transform, and the CPU reference (src/model/kernels/grid-sheet.ts) convolves
 * through RealFft2d below, O(n log n) per step.
 */
export class Fft {
  /** twiddles cos, sin(2πk/size), k < size/2, and the bit reversal of each index (read by wasm/grid-sheet.ts too) */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly rev: Uint32Array;

  constructor(readonly size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new Error(`FFT size must be a power of two ≥ 2, got ${size}`);
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    this.rev = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
  }

  /** 2-D transform of a size × size grid (index y·size + x): the rows (as columns of the transpose), then the columns. */
  transform2d(re: Float64Array, im: Float64Array, inverse: boolean): void {
    this.transpose(re);
    this.transpose(im);
    this.columns(re, im, inverse);
    this.transpose(re);
    this.transpose(im);
    this.columns(re, im, inverse);
  }

  private transpose(a: Float64Array): void {
    const n = this.size;
    for (let y = 0; y < n; y++) {
      for (let x = y + 1, p = y * n + x, q = x * n + y; x < n; x++, p++, q += n) {
        const t = a[p]!;
        a[p] = a[q]!;
        a[q] = t;
      }
    }
  }

  /**
   * The transform of every column x < width (size points at re[x + k·width], im[…]):
   * forward X_m = Σ x_k e^(−2πi km/N), inverse e^(+2πi km/N), unscaled. Radix-2
   * decimation in time with whole rows as the inner loop, so every access is contiguous.
   */
  columns(re: Float64Array, im: Float64Array, inverse: boolean, width = this.size): void {
    const n = this.size;
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      if (j > i) {
        for (let x = 0, a = i * width, b = j * width; x < width; x++, a++, b++) {
          let t = re[a]!; re[a] = re[b]!; re[b] = t;
          t = im[a]!; im[a] = im[b]!; im[b] = t;
        }
      }
    }
    const cos = this.cos, sin = this.sin;
    const sign = inverse ? 1 : -1;
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let start = 0; start < n; start += len) {
        for (let k = 0; k < half; k++) {
          const wr = cos[k * step]!, wi = sign * sin[k * step]!;
          for (let x = 0, a = (start + k) * width, b = a + half * width; x < width; x++, a++, b++) {
            const br = re[b]!, bi = im[b]!;
            const tr = br * wr - bi * wi, ti = br * wi + bi * wr;
            const ar = re[a]!, ai = im[a]!;
            re[b] = ar - tr; im[b] = ai - ti;
            re[a] = ar + tr; im[a] = ai + ti;
          }
        }
      }
    }
  }
}

/**
 * The 2-D transform of a real side × side image as its half spectrum, and back
 * to a real image: about half of Fft.transform2d's work. The spectrum of a real
 * image is Hermitian, X(−k) = conj X(k), so only k_x ∈ [0, side/2] is kept
 * (index k_y·(side/2 + 1) + k_x). Along x, rows 2m and 2m + 1 go through one
 * complex transform of z = s_2m + i s_2m+1, split by X_2m(k) = (Z(k) + conj Z(−k))/2
 * and X_2m+1(k) = (Z(k) − conj Z(−k))/2i; along y only the side/2 + 1 kept
 * columns are transformed. The inverse does the same backwards, so its
 * input must be the half spectrum of a real image.
 */
export class RealFft2d {
  /** columns of the half spectrum: side/2 + 1 */
  readonly width: number;
  private readonly fft: Fft;
  /** the row pairs packed as complex lines: x (or k_x) · side/2 + m */
  private readonly pairRe: Float64Array;
  private readonly pairIm: Float64Array;

  constructor(readonly size: number) {
    this.fft = new Fft(size);
    this.width = size / 2 + 1;
    this.pairRe = new Float64Array((size * size) / 2);
    this.pairIm = new Float64Array((size * size) / 2);
  }

  /** The half spectrum (re, im: side · width) of the image src[at + y·side + x]. */
  forward(src: ArrayLike<number>, at: number, re: Float64Array, im: Float64Array): void {
    const n = this.size, pairs = n / 2, w = this.width;
    const pRe = this.pairRe, pIm = this.pairIm;
    for (let m = 0; m < pairs; m++) {
      for (let x = 0, even = at + 2 * m * n, odd = even + n; x < n; x++) {
        pRe[x * pairs + m] = src[even + x]!;
        pIm[x * pairs + m] = src[odd + x]!;
      }
    }
    this.fft.columns(pRe, pIm, false, pairs);
    for (let k = 0; k < w; k++) {
      const a = k * pairs, b = ((n - k) & (n - 1)) * pairs;
      for (let m = 0; m < pairs; m++) {
        // Z(k) and conj Z(−k)
        const zr = pRe[a + m]!, zi = pIm[a + m]!, cr = pRe[b + m]!, ci = -pIm[b + m]!;
        re[2 * m * w + k] = 0.5 * (zr + cr);
        im[2 * m * w + k] = 0.5 * (zi + ci);
        re[(2 * m + 1) * w + k] = 0.5 * (zi - ci);
        im[(2 * m + 1) * w + k] = -0.5 * (zr - cr);
      }
    }
    this.fft.columns(re, im, false, w);
  }

  /** dst[at + y·side + x] = scale × the inverse transform of the half spectrum (re, im), which it overwrites. */
  inverse(re: Float64Array, im: Float64Array, dst: { [i: number]: number }, at: number, scale: number): void {
    const n = this.size, pairs = n / 2, w = this.width;
    const pRe = this.pairRe, pIm = this.pairIm;
    this.fft.columns(re, im, true, w);
    for (let k = 0; k < n; k++) {
      // rows' x spectra R(k), k > side/2 from R(k) = conj R(side − k)
      const kept = k < w ? k : n - k, conj = k < w ? 1 : -1;
      for (let m = 0; m < pairs; m++) {
        const ar = re[2 * m * w + kept]!, ai = conj * im[2 * m * w + kept]!;
        const br = re[(2 * m + 1) * w + kept]!, bi = conj * im[(2 * m + 1) * w + kept]!;
        // R_2m + i R_2m+1
        pRe[k * pairs + m] = ar - bi;
        pIm[k * pairs + m] = ai + br;
      }
    }
    this.fft.columns(pRe, pIm, true, pairs);
    for (let m = 0; m < pairs; m++) {
      for (let x = 0, even = at + 2 * m * n, odd = even + n; x < n; x++) {
        dst[even + x] = pRe[x * pairs + m]! * scale;
        dst[odd + x] = pIm[x * pairs + m]! * scale;
      }
    }
  }
}

/**
 * The first `modes` Fourier modes of a real sequence of `size` points (a power
 * of two ≥ 4), and back, for the CPU ring gathers (src/model/kernels/synapses.ts):
 * forward X_k = Σ_j x_j e^(−2πi kj/N) for k < modes; inverse
 * g_j = Re Σ_{k<modes} Y_k e^(2πi kj/N). Four-step split j = c + q·d
 * (Bailey 1990, "FFTs in external or hierarchical memory"): p-point FFTs over d,
 * one per residue c, the two real sequences of c and c + q/2 packed as one
 * complex one, and the wanted modes summed over c directly (forward) or spread
 * from them (inverse): O(N(log p + modes/p)) instead of O(N log N). Row d of
 * the work buffer is x[q·d … q·d + q) as it lies: real parts in lanes c < q/2,
 * imaginary parts after them, so loading is one copy and every inner loop runs
 * over contiguous lanes.
 */
export class RealModeFft {
  /** Points per sub-transform (p) and packed lanes (q/2). */
  private readonly p: number;
  private readonly lanes: number;
  private readonly buf: Float64Array;
  /** cos, sin(2πj/p), j < p. */
  private readonly wCos: Float64Array;
  private readonly wSin: Float64Array;
  private readonly rev: Uint32Array;
  /** cos, sin(2πkc/N) at k·q + c, k < modes, c < q. */
  private readonly tCos: Float64Array;
  private readonly tSin: Float64Array;

  constructor(readonly size: number, readonly modes: number) {
    if (size < 4 || (size & (size - 1)) !== 0) throw new Error(`FFT size must be a power of two ≥ 4, got ${size}`);
    this.p = RealModeFft.rowCount(size, modes);
    const p = this.p, q = size / p;
    this.lanes = q / 2;
    this.buf = new Float64Array(size);
    this.wCos = new Float64Array(p);
    this.wSin = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      this.wCos[j] = Math.cos((2 * Math.PI * j) / p);
      this.wSin[j] = Math.sin((2 * Math.PI * j) / p);
    }
    this.rev = new Uint32Array(p);
    for (let i = 1; i < p; i++) this.rev[i] = (this.rev[i >> 1]! >> 1) | (i & 1 ? p >> 1 : 0);
    this.tCos = new Float64Array(modes * q);
    this.tSin = new Float64Array(modes * q);
    for (let k = 0; k < modes; k++) {
      for (let c = 0; c < q; c++) {
        const angle = (2 * Math.PI * ((k * c) % size)) / size;
        this.tCos[k * q + c] = Math.cos(angle);
        this.tSin[k * q + c] = Math.sin(angle);
      }
    }
  }

  /**
   * p (≤ N/2) minimising the time: ⌈log2(p)/2⌉ passes over the buffer, plus
   * N·modes/p mode products costing about 3/N of a pass each (measured at
   * N = 2048, 24 modes on a 2-core AMD EPYC VM: p = 64 takes 6.6 µs forward
   * against 8.1 at p = 32 and 8.0 at p = 256).
   */
  private static rowCount(size: number, modes: number): number {
    const cost = (p: number) => Math.ceil(Math.log2(p) / 2) + (3 * modes) / p;
    let best = 2;
    for (let p = 4; p <= size / 2; p *= 2) if (cost(p) < cost(best)) best = p;
    return best;
  }

  /** X_k for k < modes of x[off … off + N): out[2k] = Re X_k, out[2k + 1] = Im X_k. */
  forward(x: Float32Array | Float64Array, off: number, out: Float64Array): void {
    const { buf, lanes, p, rev, tCos, tSin } = this;
    const q = 2 * lanes;
    buf.set(x.subarray(off, off + this.size));
    this.rowFft(-1);
    // Lane c now holds U_k = A_k + i B_k at row rev(k), A and B the p-point DFTs of
    // residues c and c + q/2: A_k = (U_k + conj U_−k)/2, B_k = (U_k − conj U_−k)/2i.
    for (let k = 0; k < this.modes; k++) {
      const ra = rev[k % p]! * q, rb = rev[(p - (k % p)) % p]! * q, t = k * q;
      let sr = 0, si = 0;
      for (let c = 0; c < lanes; c++) {
        const ur = buf[ra + c]!, ui = buf[ra + lanes + c]!, vr = buf[rb + c]!, vi = -buf[rb + lanes + c]!;
        const ar = ur + vr, ai = ui + vi, br = ui - vi, bi = vr - ur; // 2A, 2B
        const c1 = tCos[t + c]!, s1 = tSin[t + c]!, c2 = tCos[t + lanes + c]!, s2 = tSin[t + lanes + c]!;
        sr += ar * c1 + ai * s1 + br * c2 + bi * s2;
        si += ai * c1 - ar * s1 + bi * c2 - br * s2;
      }
      out[2 * k] = 0.5 * sr;
      out[2 * k + 1] = 0.5 * si;
    }
  }

  /** g_j = Re Σ_{k<modes} Y_k e^(2πi kj/N), Y_k = y[2k] + i y[2k + 1], into dst[off + j] (added to it when accumulate). */
  inverse(y: Float64Array, dst: Float32Array | Float64Array, off: number, accumulate: boolean): void {
    const { buf, lanes, p, rev, tCos, tSin } = this;
    const q = 2 * lanes;
    buf.fill(0);
    // Lane c gets the Hermitian spectra of residues c (real part) and c + q/2
    // (imaginary part): V_k/2 = Y_k e^(2πi kc/N)/2 at bin k, conj V_k/2 at bin −k.
    for (let k = 0; k < this.modes; k++) {
      const ra = (k % p) * q, rb = ((p - (k % p)) % p) * q, t = k * q;
      const yr = 0.5 * y[2 * k]!, yi = 0.5 * y[2 * k + 1]!;
      for (let c = 0; c < lanes; c++) {
        const c1 = tCos[t + c]!, s1 = tSin[t + c]!, c2 = tCos[t + lanes + c]!, s2 = tSin[t + lanes + c]!;
        const vr = yr * c1 - yi * s1, vi = yr * s1 + yi * c1; // residue c
        const wr = yr * c2 - yi * s2, wi = yr * s2 + yi * c2; // residue c + q/2
        buf[ra + c] += vr - wi; buf[ra + lanes + c] += vi + wr;
        buf[rb + c] += vr + wi; buf[rb + lanes + c] += wr - vi;
      }
    }
    this.rowFft(1);
    for (let d = 0, o = off; d < p; d++, o += q) {
      const row = rev[d]! * q; // = g[q·d … q·d + q)
      if (accumulate) for (let i = 0; i < q; i++) dst[o + i] += buf[row + i]!;
      else for (let i = 0; i < q; i++) dst[o + i] = buf[row + i]!;
    }
  }

  /**
   * In-place decimation-in-frequency FFT (kernel e^(sign·2πi/p)) over the rows,
   * lane by lane, output in bit-reversed row order: radix-4 stages, each two
   * radix-2 stages in one pass, then one radix-2 stage when log2 p is odd.
   */
  private rowFft(sign: number): void {
    const { buf, lanes, p, wCos, wSin } = this;
    const q = 2 * lanes;
    for (let quarter = p >> 2; quarter >= 1; quarter >>= 2) {
      const step = p / (4 * quarter);
      for (let start = 0; start < p; start += 4 * quarter) {
        for (let j = 0; j < quarter; j++) {
          // twiddles W^j, W^2j, W^3j of the 4·quarter-point block
          const w1r = wCos[j * step]!, w1i = sign * wSin[j * step]!;
          const w2r = wCos[2 * j * step]!, w2i = sign * wSin[2 * j * step]!;
          const w3r = wCos[3 * j * step]!, w3i = sign * wSin[3 * j * step]!;
          const r0 = (start + j) * q, r1 = r0 + quarter * q, r2 = r1 + quarter * q, r3 = r2 + quarter * q;
          for (let c = 0; c < lanes; c++) {
            const x0r = buf[r0 + c]!, x0i = buf[r0 + lanes + c]!, x1r = buf[r1 + c]!, x1i = buf[r1 + lanes + c]!;
            const x2r = buf[r2 + c]!, x2i = buf[r2 + lanes + c]!, x3r = buf[r3 + c]!, x3i = buf[r3 + lanes + c]!;
            const t0r = x0r + x2r, t0i = x0i + x2i, t1r = x0r - x2r, t1i = x0i - x2i;
            const t2r = x1r + x3r, t2i = x1i + x3i;
            const t3r = -sign * (x1i - x3i), t3i = sign * (x1r - x3r); // (x1 − x3)·(sign·i)
            buf[r0 + c] = t0r + t2r; buf[r0 + lanes + c] = t0i + t2i;
            const b2r = t0r - t2r, b2i = t0i - t2i, b1r = t1r + t3r, b1i = t1i + t3i, b3r = t1r - t3r, b3i = t1i - t3i;
            buf[r1 + c] = b2r * w2r - b2i * w2i; buf[r1 + lanes + c] = b2r * w2i + b2i * w2r;
            buf[r2 + c] = b1r * w1r - b1i * w1i; buf[r2 + lanes + c] = b1r * w1i + b1i * w1r;
            buf[r3 + c] = b3r * w3r - b3i * w3i; buf[r3 + lanes + c] = b3r * w3i + b3i * w3r;
          }
        }
      }
    }
    if ((p & 0x55555555) !== 0) return; // p a power of 4: no radix-2 stage left
    for (let a = 0; a < p * q; a += 2 * q) { // the last radix-2 stage (2-point blocks, twiddle 1): rows a and a + 1 as one run of q
      for (let i = a, b = a + q; i < a + q; i++, b++) {
        const x = buf[i]!, y = buf[b]!;
        buf[i] = x + y;
        buf[b] = x - y;
      }
    }
  }
}
