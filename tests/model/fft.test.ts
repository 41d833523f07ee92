import { describe, expect, it } from 'vitest';
import { Fft, RealFft2d, RealModeFft } from '../../src/model/fft';

/** Direct O(N·modes) sums: X_k = Σ_j x_j e^(−2πi kj/N). */
function directModes(x: Float64Array, modes: number): Float64Array {
  const n = x.length, out = new Float64Array(2 * modes);
  for (let k = 0; k < modes; k++) {
    for (let j = 0; j < n; j++) {
      const angle = (2 * Math.PI * ((k * j) % n)) / n;
      out[2 * k] += x[j]! * Math.cos(angle);
      out[2 * k + 1] -= x[j]! * Math.sin(angle);
    }
  }
  return out;
}

/** Direct g_j = Re Σ_{k<modes} Y_k e^(2πi kj/N). */
function directExpand(y: Float64Array, n: number): Float64Array {
  const g = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < y.length / 2; k++) {
      const angle = (2 * Math.PI * ((k * j) % n)) / n;
      g[j] += y[2 * k]! * Math.cos(angle) - y[2 * k + 1]! * Math.sin(angle);
    }
  }
  return g;
}

const random = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 0.5 + 0.3);
const maxAbs = (x: Float64Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const sumAbs = (x: Float64Array) => x.reduce((m, v) => m + Math.abs(v), 0);

describe('RealModeFft', () => {
  // sizes and mode counts around the working-memory ring's (2048 cells, 24 modes), with aliasing (modes > p) and the full spectrum
  const cases: [number, number][] = [[4, 1], [16, 2], [16, 16], [64, 5], [256, 24], [1024, 24], [2048, 24], [2048, 200], [512, 512]];

  it.each(cases)('forward: N = %i, %i modes equal the direct sums to 1e-12 of Σ|x|', (n, modes) => {
    const x = random(n, n + modes);
    const out = new Float64Array(2 * modes);
    new RealModeFft(n, modes).forward(x, 0, out);
    const want = directModes(x, modes);
    expect(maxAbs(out.map((v, i) => v - want[i]!))).toBeLessThan(1e-12 * sumAbs(x));
  });

  it.each(cases)('inverse: N = %i, %i modes equal the direct sums to 1e-12 of Σ|Y|, added when accumulating', (n, modes) => {
    const y = random(2 * modes, modes - n);
    const fft = new RealModeFft(n, modes);
    const g = new Float64Array(n + 3).fill(7);
    fft.inverse(y, g, 3, false);
    const want = directExpand(y, n);
    expect(g.subarray(0, 3)).toEqual(new Float64Array([7, 7, 7]));
    expect(maxAbs(g.subarray(3).map((v, j) => v - want[j]!))).toBeLessThan(1e-12 * sumAbs(y));
    fft.inverse(y, g, 3, true);
    expect(maxAbs(g.subarray(3).map((v, j) => v - 2 * want[j]!))).toBeLessThan(2e-12 * sumAbs(y));
  });

  it('reads x from an offset in a Float32Array', () => {
    const x = Float32Array.from(random(70, 1));
    const out = new Float64Array(6);
    new RealModeFft(64, 3).forward(x, 6, out);
    const want = directModes(Float64Array.from(x.subarray(6)), 3);
    expect(maxAbs(out.map((v, i) => v - want[i]!))).toBeLessThan(1e-12 * sumAbs(Float64Array.from(x.subarray(6))));
  });
});

describe('Fft.transform2d', () => {
  it('equals the direct 2-D DFT, forward and inverse (unscaled)', () => {
    for (const n of [4, 8, 16]) {
      for (const inverse of [false, true]) {
        const re = Float64Array.from({ length: n * n }, (_, k) => Math.sin(0.37 * k) + 0.1 * (k % 7));
        const im = Float64Array.from({ length: n * n }, (_, k) => Math.cos(1.3 * k));
        const sign = inverse ? 1 : -1;
        const wantRe = new Float64Array(n * n), wantIm = new Float64Array(n * n);
        for (let v = 0; v < n; v++) {
          for (let u = 0; u < n; u++) {
            for (let y = 0; y < n; y++) {
              for (let x = 0; x < n; x++) {
                const angle = (sign * 2 * Math.PI * ((u * x + v * y) % n)) / n;
                const c = Math.cos(angle), s = Math.sin(angle), k = y * n + x;
                wantRe[v * n + u] += re[k]! * c - im[k]! * s;
                wantIm[v * n + u] += re[k]! * s + im[k]! * c;
              }
            }
          }
        }
        new Fft(n).transform2d(re, im, inverse);
        for (let k = 0; k < n * n; k++) {
          expect(re[k]).toBeCloseTo(wantRe[k]!, 10);
          expect(im[k]).toBeCloseTo(wantIm[k]!, 10);
        }
      }
    }
  });
});

describe('RealFft2d', () => {
  it('gives the k_x ≤ side/2 half of the full transform of a real image, and inverts it', () => {
    for (const n of [2, 4, 16, 64]) {
      const image = Float64Array.from({ length: n * n }, (_, k) => Math.sin(0.37 * k) + 0.1 * (k % 7));
      const fullRe = image.slice(), fullIm = new Float64Array(n * n);
      new Fft(n).transform2d(fullRe, fullIm, false);
      const fft = new RealFft2d(n);
      const w = fft.width;
      expect(w).toBe(n / 2 + 1);
      const re = new Float64Array(n * w), im = new Float64Array(n * w);
      // the image at an offset inside a larger array, as in the state arena
      const src = new Float64Array(3 + n * n);
      src.set(image, 3);
      fft.forward(src, 3, re, im);
      for (let ky = 0; ky < n; ky++) {
        for (let kx = 0; kx < w; kx++) {
          expect(re[ky * w + kx], `${n}: (${kx}, ${ky})`).toBeCloseTo(fullRe[ky * n + kx]!, 9);
          expect(im[ky * w + kx], `${n}: (${kx}, ${ky})`).toBeCloseTo(fullIm[ky * n + kx]!, 9);
        }
      }
      const back = new Float32Array(5 + n * n);
      fft.inverse(re, im, back, 5, 1 / (n * n));
      for (let k = 0; k < n * n; k++) expect(back[5 + k]).toBeCloseTo(image[k]!, 5);
      expect(back[4]).toBe(0);
    }
  });
});
