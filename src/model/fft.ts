/**
 * In-place radix-2 complex FFT (separate real and imaginary f64 arrays) and
 * its 2-D form on a side × side grid (row-major, x fastest). Used by the CPU
 * reference of the grid-sheet recurrence (src/model/kernels/grid-sheet.ts):
 * the sheet's weights are translation-invariant on the torus, so the
 * recurrent input is a circular convolution, O(n log n) per step.
 */
export class Fft {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;

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

  /**
   * Transforms size points at re[off + k·stride], im[…]: forward X_m = Σ x_k e^(−2πi km/N)
   * (inverse: e^(+2πi km/N), unscaled).
   */
  transform(re: Float64Array, im: Float64Array, off: number, stride: number, inverse: boolean): void {
    const n = this.size;
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      if (j > i) {
        const a = off + i * stride, b = off + j * stride;
        let t = re[a]!; re[a] = re[b]!; re[b] = t;
        t = im[a]!; im[a] = im[b]!; im[b] = t;
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
          const a = off + (start + k) * stride, b = a + half * stride;
          const br = re[b]!, bi = im[b]!;
          const tr = br * wr - bi * wi, ti = br * wi + bi * wr;
          const ar = re[a]!, ai = im[a]!;
          re[b] = ar - tr; im[b] = ai - ti;
          re[a] = ar + tr; im[a] = ai + ti;
        }
      }
    }
  }

  /** 2-D transform of a size × size grid (index y·size + x), rows then columns. */
  transform2d(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const n = this.size;
    for (let y = 0; y < n; y++) this.transform(re, im, y * n, 1, inverse);
    for (let x = 0; x < n; x++) this.transform(re, im, x, n, inverse);
  }
}
