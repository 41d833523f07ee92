/**
 * Readouts of a grid sheet's activity image (side × side, row-major, as a
 * sheet probe samples it): the lattice's dominant Fourier modes (wave
 * vectors, wavelength, angles) and the pattern's displacement between images
 * from the phases of those modes. A translation d of the pattern turns mode
 * k's phase by −2π k·d / side; with three modes at ~60° the displacement is the
 * least-squares solution, unambiguous for |d| below half a period, so tracking
 * consecutive images (each a small step) and summing gives the unwrapped path
 * of the pattern on the torus: the network's path-integrated position.
 */
import { Fft } from '../fft';

export interface SheetMode {
  /** integer wave vector (cycles per side), x and y */
  readonly mx: number;
  readonly my: number;
  /** |ŝ(k)| */
  readonly power: number;
  /** wavelength side / |m| (neurons) */
  readonly wavelength: number;
  /** direction of the wave vector, degrees in [0, 180) */
  readonly angle: number;
}

/** 2-D spectrum (re, im) of an image. */
export function spectrum(image: ArrayLike<number>, side: number): { re: Float64Array; im: Float64Array } {
  const re = Float64Array.from(image as ArrayLike<number>);
  const im = new Float64Array(side * side);
  new Fft(side).transform2d(re, im, false);
  return { re, im };
}

/**
 * The `count` strongest modes with 0 < |m| < side/4 (one of each ±k pair;
 * the 2 × 2 subpopulation interleaving puts aliases near side/2, left out).
 */
export function latticeModes(image: ArrayLike<number>, side: number, count = 3): SheetMode[] {
  const { re, im } = spectrum(image, side);
  const modes: SheetMode[] = [];
  const lim = side / 4;
  for (let my = 0; my < lim; my++) {
    for (let mx = -lim + 1; mx < lim; mx++) {
      if (my === 0 && mx <= 0) continue; // one of each ±k pair
      const k = my * side + ((mx + side) % side);
      const power = Math.hypot(re[k]!, im[k]!);
      const angle = (((Math.atan2(my, mx) * 180) / Math.PI) + 180) % 180;
      modes.push({ mx, my, power, wavelength: side / Math.hypot(mx, my), angle });
    }
  }
  modes.sort((a, b) => b.power - a.power);
  return modes.slice(0, count);
}

/** The smallest angle between two lattice directions (degrees, 0–90). */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % 180;
  return Math.min(d, 180 - d);
}

/** Phases of the given modes in an image (radians). */
export function modePhases(image: ArrayLike<number>, side: number, modes: readonly SheetMode[]): number[] {
  const { re, im } = spectrum(image, side);
  return modes.map((m) => {
    const k = m.my * side + ((m.mx + side) % side);
    return Math.atan2(im[k]!, re[k]!);
  });
}

const wrapPi = (a: number) => a - 2 * Math.PI * Math.round(a / (2 * Math.PI));

/**
 * Displacement (neurons, x and y) of the pattern from phases `from` to `to`:
 * least squares over the modes of 2π (m · d) / side = −Δφ.
 */
export function displacement(from: readonly number[], to: readonly number[], side: number, modes: readonly SheetMode[]): [number, number] {
  let axx = 0, axy = 0, ayy = 0, bx = 0, by = 0;
  modes.forEach((m, j) => {
    const kx = (2 * Math.PI * m.mx) / side, ky = (2 * Math.PI * m.my) / side;
    const dphi = -wrapPi(to[j]! - from[j]!);
    axx += kx * kx; axy += kx * ky; ayy += ky * ky;
    bx += kx * dphi; by += ky * dphi;
  });
  const det = axx * ayy - axy * axy;
  return [(ayy * bx - axy * by) / det, (axx * by - axy * bx) / det];
}

/**
 * The pattern's cumulative displacement (neurons) at each image of a series,
 * relative to the first, tracked image to image (each step must move it by
 * less than half a period), with the modes of the first image.
 */
export function trackPattern(images: readonly ArrayLike<number>[], side: number, modes = latticeModes(images[0]!, side)): { x: number[]; y: number[]; modes: SheetMode[] } {
  const x = [0], y = [0];
  let prev = modePhases(images[0]!, side, modes);
  for (let k = 1; k < images.length; k++) {
    const next = modePhases(images[k]!, side, modes);
    const [dx, dy] = displacement(prev, next, side, modes);
    x.push(x[k - 1]! + dx);
    y.push(y[k - 1]! + dy);
    prev = next;
  }
  return { x, y, modes };
}
