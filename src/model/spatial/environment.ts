/**
 * Environments the agent moves in: a 2-D box with walls and optional inner
 * barriers (zero-thickness line segments, as RatInABox's Environment `walls`
 * and `add_wall`; George et al. 2024, eLife, doi:10.7554/eLife.85274), and a
 * 1-D linear track. Lengths in metres; the box spans [0, width] × [0, height],
 * y up.
 *
 * Geometry helpers are plain functions of coordinates; a wall is a `Segment`.
 */

/** A wall: the line segment from (x1, y1) to (x2, y2), metres. */
export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** A rectangular arena. `walls` holds the four boundary walls followed by the barriers. */
export interface Box {
  readonly kind: 'box';
  readonly width: number;
  readonly height: number;
  readonly barriers: readonly Segment[];
  readonly walls: readonly Segment[];
}

/** A 1-D linear track [0, length] (m); the agent runs laps between its ends. */
export interface Track {
  readonly kind: 'track';
  readonly length: number;
}

export type Environment = Box | Track;

/** A 2-vector (m, or m/s for velocities). */
export interface Vec2 {
  readonly x: number;
  readonly y: number;
}

/** Thrown for an environment that cannot exist, naming the offending field. */
export class EnvironmentError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'EnvironmentError';
  }
}

function requirePositive(field: string, v: number): void {
  if (!Number.isFinite(v) || v <= 0) throw new EnvironmentError(field, `must be a positive length in m, got ${v}`);
}

/**
 * A width × height box (m) with optional inner barriers. Barriers must have
 * non-zero length and lie within the box (touching a wall is allowed: that is
 * how a partition is attached).
 */
export function makeBox(width: number, height: number, barriers: readonly Segment[] = []): Box {
  requirePositive('width', width);
  requirePositive('height', height);
  barriers.forEach((b, i) => {
    const coords = [b.x1, b.y1, b.x2, b.y2];
    if (!coords.every(Number.isFinite)) throw new EnvironmentError(`barriers[${i}]`, 'coordinates must be finite numbers');
    if (Math.hypot(b.x2 - b.x1, b.y2 - b.y1) === 0) throw new EnvironmentError(`barriers[${i}]`, 'has zero length');
    const inside = (x: number, y: number): boolean => x >= 0 && x <= width && y >= 0 && y <= height;
    if (!inside(b.x1, b.y1) || !inside(b.x2, b.y2)) {
      throw new EnvironmentError(`barriers[${i}]`, `must lie within the ${width} × ${height} m box`);
    }
  });
  const boundary: Segment[] = [
    { x1: 0, y1: 0, x2: width, y2: 0 },
    { x1: width, y1: 0, x2: width, y2: height },
    { x1: width, y1: height, x2: 0, y2: height },
    { x1: 0, y1: height, x2: 0, y2: 0 },
  ];
  return { kind: 'box', width, height, barriers: [...barriers], walls: [...boundary, ...barriers] };
}

/** A linear track of the given length (m). */
export function makeTrack(length: number): Track {
  requirePositive('length', length);
  return { kind: 'track', length };
}

/** True when (x, y) lies strictly inside the box's outer walls. */
export function insideBox(box: Box, x: number, y: number): boolean {
  return x > 0 && x < box.width && y > 0 && y < box.height;
}

/**
 * The shortest vector from segment s to the point (px, py): the point minus its
 * nearest point on the segment (RatInABox utils.shortest_vectors_from_points_to_lines).
 */
export function vectorFromSegment(s: Segment, px: number, py: number): Vec2 {
  const sx = s.x2 - s.x1, sy = s.y2 - s.y1;
  const l = Math.min(1, Math.max(0, ((px - s.x1) * sx + (py - s.y1) * sy) / (sx * sx + sy * sy)));
  return { x: px - (s.x1 + l * sx), y: py - (s.y1 + l * sy) };
}

/** Distance (m) from (x, y) to the nearest wall or barrier. */
export function distanceToNearestWall(box: Box, x: number, y: number): number {
  let best = Infinity;
  for (const w of box.walls) {
    const v = vectorFromSegment(w, x, y);
    best = Math.min(best, Math.hypot(v.x, v.y));
  }
  return best;
}

/**
 * Where the step from a = (ax, ay) to b = (bx, by) meets segment s, as the
 * fraction t ∈ (0, 1] of the step, or Infinity when it does not. A step that
 * ends exactly on the wall counts as meeting it; one that starts on it does
 * not (t = 0 excluded), and a step parallel to the wall never does.
 */
export function stepCrossing(ax: number, ay: number, bx: number, by: number, s: Segment): number {
  const dx = bx - ax, dy = by - ay;
  const sx = s.x2 - s.x1, sy = s.y2 - s.y1;
  const denom = dx * sy - dy * sx;
  if (denom === 0) return Infinity;
  const qx = s.x1 - ax, qy = s.y1 - ay;
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * dy - qy * dx) / denom;
  return t > 0 && t <= 1 && u >= 0 && u <= 1 ? t : Infinity;
}

/** The wall the step a → b meets first, with the fraction of the step at which it does; null when the step is clear. */
export function firstCollision(box: Box, ax: number, ay: number, bx: number, by: number): { wall: Segment; t: number } | null {
  let hit: { wall: Segment; t: number } | null = null;
  for (const wall of box.walls) {
    const t = stepCrossing(ax, ay, bx, by, wall);
    if (t < (hit?.t ?? Infinity)) hit = { wall, t };
  }
  return hit;
}

/**
 * Velocity (vx, vy) reflected off wall s: the component along the wall kept,
 * the perpendicular one reversed (RatInABox utils.wall_bounce).
 */
export function reflectOffWall(vx: number, vy: number, s: Segment): Vec2 {
  const sx = s.x2 - s.x1, sy = s.y2 - s.y1;
  const len = Math.hypot(sx, sy);
  const nx = -sy / len, ny = sx / len;
  const vn = vx * nx + vy * ny;
  return { x: vx - 2 * vn * nx, y: vy - 2 * vn * ny };
}
