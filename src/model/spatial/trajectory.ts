/**
 * Recorded trajectories: parsing a CSV of (t, x, y) with errors that name the
 * line and field, resampling to a fixed step, derived velocity, and the
 * position at any time (what the agent follows when driven by a path).
 * Units: t in s, x and y in m, velocity in m/s.
 *
 * RatInABox's Agent.import_trajectory interpolates with cubic splines; here
 * interpolation is linear, so a resampled path never overshoots the recorded
 * one (and so never crosses a wall the recording did not).
 */
import type { Environment } from './environment';

export interface Trajectory {
  /** sample times (s), strictly increasing */
  readonly t: Float64Array;
  /** positions (m) */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** A malformed trajectory file; `line` is 1-based, `field` one of t, x, y. */
export class TrajectoryError extends Error {
  constructor(message: string, readonly line?: number, readonly field?: 't' | 'x' | 'y') {
    super(line === undefined ? message : `line ${line}${field ? `, field ${field}` : ''}: ${message}`);
    this.name = 'TrajectoryError';
  }
}

const FIELDS = ['t', 'x', 'y'] as const;
type Field = (typeof FIELDS)[number];
const HEADER_NAMES: Readonly<Record<string, Field>> = { t: 't', time: 't', x: 'x', y: 'y' };

/** Column order from a header line (names t or time, x, y in any order, case-insensitive), or null when the line is data. */
function headerOrder(cells: readonly string[], line: number): Field[] | null {
  if (cells.every((c) => c !== '' && Number.isFinite(Number(c)))) return null;
  const order = cells.map((c) => HEADER_NAMES[c.toLowerCase()]);
  if (cells.length !== 3 || order.some((f) => f === undefined) || new Set(order).size !== 3) {
    throw new TrajectoryError(`a header must name the three columns t, x, y; got "${cells.join(',')}"`, line);
  }
  return order as Field[];
}

/** Rejects a sample outside the environment (a track checks x only). */
function checkInside(env: Environment, line: number, x: number, y: number): void {
  const [w, h] = env.kind === 'box' ? [env.width, env.height] : [env.length, Infinity];
  if (x < 0 || x > w) throw new TrajectoryError(`${x} m lies outside the environment (0 … ${w} m)`, line, 'x');
  if (env.kind === 'box' && (y < 0 || y > h)) throw new TrajectoryError(`${y} m lies outside the environment (0 … ${h} m)`, line, 'y');
}

/**
 * Parses comma-separated rows of t, x, y (s, m, m). An optional first row
 * names the columns (t or time, x, y in any order); blank lines and lines
 * starting with # are skipped. Times must increase strictly; with `env`,
 * every position must lie inside it. Throws `TrajectoryError`.
 */
export function parseTrajectoryCsv(text: string, env?: Environment): Trajectory {
  const t: number[] = [], x: number[] = [], y: number[] = [];
  let order: Field[] | null = null;
  let seenRow = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const cells = trimmed.split(',').map((c) => c.trim());
    if (!seenRow) {
      seenRow = true;
      order = headerOrder(cells, line);
      if (order) return;
    }
    if (cells.length !== 3) throw new TrajectoryError(`expected 3 fields (t, x, y), got ${cells.length}`, line);
    const row = { t: NaN, x: NaN, y: NaN };
    (order ?? FIELDS).forEach((field, k) => {
      const cell = cells[k]!;
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) throw new TrajectoryError(`"${cell}" is not a number`, line, field);
      row[field] = v;
    });
    const prev = t[t.length - 1];
    if (prev !== undefined && row.t <= prev) throw new TrajectoryError(`time ${row.t} s does not come after the previous ${prev} s`, line, 't');
    if (env) checkInside(env, line, row.x, row.y);
    t.push(row.t); x.push(row.x); y.push(row.y);
  });
  if (t.length < 2) throw new TrajectoryError(`a trajectory needs at least two samples, got ${t.length}`);
  return { t: Float64Array.from(t), x: Float64Array.from(x), y: Float64Array.from(y) };
}

/** Index i with t[i] ≤ time < t[i + 1], clamped to [0, n − 2]. */
function segmentIndex(t: Float64Array, time: number): number {
  let lo = 0, hi = t.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! <= time) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Position (m) at `time` (s) by linear interpolation, clamped to the recorded span. */
export function positionAt(tr: Trajectory, time: number): { x: number; y: number } {
  const n = tr.t.length;
  const tc = Math.min(Math.max(time, tr.t[0]!), tr.t[n - 1]!);
  const i = segmentIndex(tr.t, tc);
  const f = (tc - tr.t[i]!) / (tr.t[i + 1]! - tr.t[i]!);
  return { x: tr.x[i]! + f * (tr.x[i + 1]! - tr.x[i]!), y: tr.y[i]! + f * (tr.y[i + 1]! - tr.y[i]!) };
}

/**
 * The trajectory sampled every dt (s) from its first time to its last, with
 * times shifted to start at 0 (as RatInABox's import_trajectory does).
 */
export function resampleTrajectory(tr: Trajectory, dt: number): Trajectory {
  if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`resampleTrajectory: dt must be a positive number of seconds, got ${dt}`);
  const t0 = tr.t[0]!, span = tr.t[tr.t.length - 1]! - t0;
  const n = Math.floor(span / dt + 1e-9) + 1;
  const out = { t: new Float64Array(n), x: new Float64Array(n), y: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const p = positionAt(tr, t0 + k * dt);
    out.t[k] = k * dt; out.x[k] = p.x; out.y[k] = p.y;
  }
  return out;
}

/**
 * Velocity (m/s) at every sample: central differences inside, one-sided at the
 * ends (exact for uniform motion, second-order for smooth paths on a uniform grid).
 */
export function trajectoryVelocity(tr: Trajectory): { vx: Float64Array; vy: Float64Array } {
  const n = tr.t.length;
  const vx = new Float64Array(n), vy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - 1), b = Math.min(n - 1, i + 1);
    const dt = tr.t[b]! - tr.t[a]!;
    vx[i] = (tr.x[b]! - tr.x[a]!) / dt;
    vy[i] = (tr.y[b]! - tr.y[a]!) / dt;
  }
  return { vx, vy };
}
