/**
 * The environment and the path of a scenario's agent section, as plain data
 * (the scenario schema validates the shapes; these check the geometry).
 */
import { type Environment, EnvironmentError, makeBox, makeTrack, type Segment } from './environment';
import { type BinGrid, makeBinGrid } from './maps';
import type { Trajectory } from './trajectory';

export type ArenaSpec =
  | { readonly kind: 'box'; readonly width: number; readonly height: number; readonly barriers: readonly Segment[] }
  | { readonly kind: 'track'; readonly length: number };

/** The environment of an arena spec; throws EnvironmentError naming the field (e.g. barriers.1). */
export function environmentOf(arena: ArenaSpec): Environment {
  if (arena.kind === 'track') return makeTrack(arena.length);
  return makeBox(arena.width, arena.height, arena.barriers);
}

/**
 * A recorded path of [t (s), x (m), y (m)] samples as a Trajectory, checked:
 * times strictly increasing, every position inside the environment (a track
 * checks x only). Throws EnvironmentError naming the sample (`<k>`) and its
 * coordinate.
 */
export function trajectoryOf(samples: readonly (readonly [number, number, number])[], env: Environment): Trajectory {
  const n = samples.length;
  const t = new Float64Array(n), x = new Float64Array(n), y = new Float64Array(n);
  const [w, h] = env.kind === 'box' ? [env.width, env.height] : [env.length, Infinity];
  samples.forEach(([ts, xs, ys], k) => {
    if (k > 0 && !(ts > t[k - 1]!)) throw new EnvironmentError(`${k}.0`, `time ${ts} s does not come after the previous ${t[k - 1]} s`);
    if (xs < 0 || xs > w) throw new EnvironmentError(`${k}.1`, `x = ${xs} m lies outside the arena (0 … ${w} m)`);
    if (env.kind === 'box' && (ys < 0 || ys > h)) throw new EnvironmentError(`${k}.2`, `y = ${ys} m lies outside the arena (0 … ${h} m)`);
    t[k] = ts; x[k] = xs; y[k] = env.kind === 'box' ? ys : 0;
  });
  return { t, x, y };
}

/**
 * Square bins of binSize (m) over an arena: a box's width × height, a track's
 * length × one bin (y = 0). Throws RangeError when the sides are not whole
 * multiples of binSize.
 */
export function rateMapGrid(arena: ArenaSpec, binSize: number): BinGrid {
  return arena.kind === 'track' ? makeBinGrid(arena.length, binSize, binSize) : makeBinGrid(arena.width, arena.height, binSize);
}
