/**
 * The moving agent (a rat): RatInABox's Agent motion model (George et al. 2024,
 * eLife, doi:10.7554/eLife.85274; ratinabox/Agent.py, `update`, `_stochastic_velocity_update`,
 * `_wall_velocity_update`, `_check_and_handle_wall_collisions`), with its
 * defaults fitted to rat locomotion (Sargolini et al. 2006, Science 312:758).
 *
 * In a box, every step:
 *  1. the rotational velocity ω follows an Ornstein–Uhlenbeck (OU) process
 *     (mean 0, s.d. σ_ω = 120°/s, coherence time τ_ω = 0.08 s) and turns the
 *     velocity by ω dt;
 *  2. the speed is Rayleigh-distributed: it is mapped to a standard normal
 *     variable through the two distribution functions, that variable takes
 *     one OU step (s.d. 1, τ_v = 0.7 s), and is mapped back;
 *  3. walls closer than d = 0.1 m push the agent away, split by the
 *     thigmotaxis θ: a spring acceleration k (d − x) on the velocity, weighted
 *     3 (1 − θ)², with k = v₀²/d², and a "conveyor belt" shift of the position
 *     at speed v₀ (1 − √(1 − (d − x)²/d²)), weighted 6 θ² (so a high θ leaves
 *     the heading unchanged and the agent hugs the wall); v₀ = strength × σ_R;
 *  4. position += velocity dt; a step that meets a wall bounces: the velocity
 *     is reflected in the wall, set to the speed ½ σ_R, and the step retaken
 *     from the previous position;
 *  5. the measured velocity is the step actually taken / dt, and the measured
 *     rotational velocity the change of its heading / dt.
 *
 * Departures from RatInABox, each for a reason:
 *  - `speedMean` is the mean of the speed distribution (0.08 m/s, as issue 4
 *    and the science page state it). RatInABox passes its `speed_mean = 0.08`
 *    as the Rayleigh scale σ in 2-D, so its mean speed there is
 *    0.08 √(π/2) = 0.100 m/s; set speedMean = 0.1003 to reproduce it. The wall
 *    constants (v₀, the bounce speed) scale with σ_R as in RatInABox.
 *  - OU processes take exact steps, x' = μ + (x − μ) e^{−dt/τ} + s √(1 − e^{−2dt/τ}) ξ,
 *    instead of Euler–Maruyama steps, so the stationary s.d. holds at any dt
 *    (Euler inflates it by 1/√(1 − dt/2τ): +21% for ω at RatInABox's default dt = 50 ms).
 *  - Collisions use the earliest wall the step meets, and an agent still
 *    blocked after 8 bounces stays where it was for that step.
 *  - On a linear track (RatInABox has no 1-D walls) the velocity is an OU
 *    process around ±speedMean in the running direction (s.d. speedStd,
 *    τ = 0.7 s) and the agent turns round at either end, so it runs laps.
 *
 * Randomness comes from the counter-based RNG (src/model/rng.ts): draws are a
 * pure function of (seed, step count, agent index, stream), so a trajectory
 * is reproducible from its seed whatever dt or drive changes happen between.
 */
import type { ParamTable } from '../params';
import { rngNormal, rngUniform } from '../rng';
import { type Box, type Environment, type Track, firstCollision, insideBox, reflectOffWall, vectorFromSegment } from './environment';
import { normalCdf, normalQuantile } from './normal';
import { positionAt, type Trajectory } from './trajectory';

export const AGENT_PARAMS = {
  speedMean: { default: 0.08, unit: 'm/s', min: 0.001, max: 2, doc: 'mean running speed (mean of the Rayleigh speed distribution in a box, the OU mean on a track)', cite: 'George et al. 2024 (RatInABox), fitted to Sargolini et al. 2006' },
  speedStd: { default: 0.08, unit: 'm/s', min: 0, max: 2, doc: 's.d. of the speed on a linear track (in a box the Rayleigh distribution sets it to 0.523 × the mean)', cite: 'George et al. 2024 (RatInABox)' },
  speedCoherenceTime: { default: 0.7, unit: 's', min: 0.01, max: 100, doc: 'coherence (OU) time of the speed', cite: 'George et al. 2024 (RatInABox), fitted to Sargolini et al. 2006' },
  rotationalVelocityStd: { default: 120, unit: 'deg/s', min: 0, max: 2000, doc: 's.d. of the rotational velocity', cite: 'George et al. 2024 (RatInABox), fitted to Sargolini et al. 2006' },
  rotationalVelocityCoherenceTime: { default: 0.08, unit: 's', min: 0.001, max: 100, doc: 'coherence (OU) time of the rotational velocity', cite: 'George et al. 2024 (RatInABox), fitted to Sargolini et al. 2006' },
  thigmotaxis: { default: 0.5, unit: '1', min: 0, max: 1, doc: 'tendency to linger near walls (0: turned away by them, 1: slides along them)', cite: 'George et al. 2024 (RatInABox)' },
  wallRepelDistance: { default: 0.1, unit: 'm', min: 0.001, max: 10, doc: 'distance from a wall at which its repulsion starts', cite: 'George et al. 2024 (RatInABox)' },
  wallRepelStrength: { default: 1, unit: '1', min: 0, max: 10, doc: 'wall repulsion strength (0: none; 1: a head-on approach at the typical speed just stops at the wall)', cite: 'George et al. 2024 (RatInABox)' },
} as const satisfies ParamTable;

export type AgentParams = { readonly [K in keyof typeof AGENT_PARAMS]: number };

/** Defaults filled in and every value checked against its table range; a bad value throws a RangeError naming the field. */
export function agentParams(overrides: Partial<AgentParams> = {}): AgentParams {
  const out: Record<string, number> = {};
  for (const [name, spec] of Object.entries(AGENT_PARAMS)) {
    const v = overrides[name as keyof AgentParams] ?? spec.default;
    if (!Number.isFinite(v) || v < spec.min || v > spec.max) {
      throw new RangeError(`${name}: must lie in [${spec.min}, ${spec.max}] ${spec.unit}, got ${v}`);
    }
    out[name] = v;
  }
  return out as AgentParams;
}

/**
 * What moves the agent: its own random motion; a velocity set from outside
 * (arrow keys, m/s); a target it heads for at up to maxSpeed (mouse drag, m and
 * m/s); or a recorded path it follows in time (looping at its end, as in
 * RatInABox). User drives stop at walls instead of crossing them; a path is
 * followed as recorded (check it with parseTrajectoryCsv's `env`).
 */
export type Drive =
  | { readonly kind: 'random' }
  | { readonly kind: 'velocity'; readonly vx: number; readonly vy: number }
  | { readonly kind: 'target'; readonly x: number; readonly y: number; readonly maxSpeed: number }
  | { readonly kind: 'path'; readonly path: Trajectory };

/**
 * RNG streams of the agent (each rngNormal uses stream s and s + 1), clear of
 * the engine's population (8p + k), connectivity (0x80000000 | j) and initial
 * state (0x40000000 | p) streams.
 */
export const AGENT_STREAM = 0x20000000;
const STREAM_ROTATION = AGENT_STREAM;
const STREAM_SPEED = AGENT_STREAM + 2;
const STREAM_INIT = AGENT_STREAM + 4;
/** The RNG "step" of initial draws (the engine's convention for initial state). */
const INIT_STEP = 0xffffffff;
/** Collision retries before an agent wedged between walls stays put for the step. */
const MAX_BOUNCES = 8;
/** RatInABox clamps the speed's uniform variable to [1e-6, 1 − 1e-6] (utils.rayleigh_to_normal). */
const TAIL = 1e-6;

/** Rayleigh scale σ for a given mean: mean = σ √(π/2). */
export function rayleighScale(mean: number): number {
  return mean / Math.sqrt(Math.PI / 2);
}

/** A Rayleigh(σ) speed (m/s) as a standard normal variable, through the distribution functions. */
export function rayleighToNormal(speed: number, sigma: number): number {
  const upper = Math.min(Math.max(Math.exp((-speed * speed) / (2 * sigma * sigma)), TAIL), 1 - TAIL);
  return -normalQuantile(upper);
}

/** The inverse of rayleighToNormal. */
export function normalToRayleigh(z: number, sigma: number): number {
  const upper = Math.min(Math.max(normalCdf(-z), TAIL), 1 - TAIL);
  return sigma * Math.sqrt(-2 * Math.log(upper));
}

/** One exact step of an OU process with mean mu, stationary s.d. sd and time constant tau (s), for a unit normal xi. */
export function ouStep(x: number, mu: number, sd: number, tau: number, dt: number, xi: number): number {
  const decay = Math.exp(-dt / tau);
  return mu + (x - mu) * decay + sd * Math.sqrt(1 - decay * decay) * xi;
}

function wrapAngle(a: number): number {
  return a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
}

export interface AgentOptions {
  /** seed of the counter-based RNG (default 0) */
  readonly seed?: number;
  /** agent index, the RNG's per-agent key (default 0) */
  readonly index?: number;
  /** start position (m); default uniform over the environment, 1% away from its walls */
  readonly start?: { readonly x: number; readonly y: number };
  readonly params?: Partial<AgentParams>;
}

/**
 * An agent in an environment. `step(dt)` advances it; read its state from the
 * public fields. On a track, y stays 0 and only x components are used.
 */
export class Agent {
  readonly params: AgentParams;
  readonly seed: number;
  readonly index: number;
  /** time (s) */
  t = 0;
  /** steps taken (the RNG's step key) */
  steps = 0;
  /** position (m) */
  x: number;
  y = 0;
  /** velocity the motion model carries into the next step (m/s) */
  vx: number;
  vy = 0;
  /** rotational velocity of the motion model (rad/s) */
  omega = 0;
  /** velocity of the last step actually taken (m/s) */
  measuredVx: number;
  measuredVy = 0;
  /** rotational velocity of the last step actually taken (rad/s) */
  measuredOmega = 0;
  private currentDrive: Drive = { kind: 'random' };
  /** running direction on a track (+1 or −1) */
  private direction = 1;

  constructor(readonly env: Environment, options: AgentOptions = {}) {
    this.params = agentParams(options.params);
    this.seed = options.seed ?? 0;
    this.index = options.index ?? 0;
    const u = (k: number): number => rngUniform(this.seed, INIT_STEP, this.index, STREAM_INIT + k);
    const margin = (v: number): number => 0.01 + 0.98 * v;
    if (env.kind === 'box') {
      this.x = options.start?.x ?? env.width * margin(u(0));
      this.y = options.start?.y ?? env.height * margin(u(1));
      const heading = 2 * Math.PI * u(2);
      this.vx = this.params.speedMean * Math.cos(heading);
      this.vy = this.params.speedMean * Math.sin(heading);
    } else {
      this.x = options.start?.x ?? env.length * margin(u(0));
      this.direction = u(2) < 0.5 ? 1 : -1;
      this.vx = this.direction * this.params.speedMean;
    }
    const inside = env.kind === 'box' ? insideBox(env, this.x, this.y) : this.x >= 0 && this.x <= env.length;
    if (!inside) throw new RangeError(`start: (${this.x}, ${this.y}) m is not inside the environment`);
    this.measuredVx = this.vx;
    this.measuredVy = this.vy;
  }

  get drive(): Drive {
    return this.currentDrive;
  }

  /** Switches the drive; a path puts the agent at the path's position for the current time. */
  setDrive(drive: Drive): void {
    this.currentDrive = drive;
    if (drive.kind === 'path') this.followPath(drive.path);
  }

  /** Advances the agent by dt (s) under its current drive. */
  step(dt: number): void {
    if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`Agent.step: dt must be a positive number of seconds, got ${dt}`);
    const px = this.x, py = this.y;
    const drive = this.currentDrive;
    this.t += dt;
    if (drive.kind === 'random') {
      if (this.env.kind === 'box') this.randomStepBox(this.env, dt);
      else this.randomStepTrack(this.env, dt);
    } else if (drive.kind === 'path') {
      this.followPath(drive.path);
    } else {
      const v = drive.kind === 'velocity' ? { x: drive.vx, y: drive.vy } : this.towards(drive, dt);
      this.moveStoppingAtWalls(px, py, v.x, this.env.kind === 'box' ? v.y : 0, dt);
    }
    this.measure(px, py, dt);
    if (drive.kind !== 'random') {
      // RatInABox's overwrite_velocity: the motion model resumes from the motion actually made.
      this.vx = this.measuredVx; this.vy = this.measuredVy; this.omega = this.measuredOmega;
      if (this.vx !== 0) this.direction = Math.sign(this.vx);
    }
    this.steps++;
  }

  /** Position on a path at the agent's time, looping over the recorded span. */
  private followPath(tr: Trajectory): void {
    const p = positionAt(tr, tr.t[0]! + (this.t % (tr.t[tr.t.length - 1]! - tr.t[0]!)));
    this.x = p.x;
    this.y = this.env.kind === 'box' ? p.y : 0;
  }

  private normal(stream: number): number {
    return rngNormal(this.seed, this.steps, this.index, stream);
  }

  private randomStepBox(box: Box, dt: number): void {
    const p = this.params;
    const sigmaR = rayleighScale(p.speedMean);
    const px = this.x, py = this.y;
    // 1. rotational velocity and turning
    const sigmaOmega = (p.rotationalVelocityStd * Math.PI) / 180;
    this.omega = ouStep(this.omega, 0, sigmaOmega, p.rotationalVelocityCoherenceTime, dt, this.normal(STREAM_ROTATION));
    const c = Math.cos(this.omega * dt), s = Math.sin(this.omega * dt);
    [this.vx, this.vy] = [c * this.vx - s * this.vy, s * this.vx + c * this.vy];
    // 2. Rayleigh speed through a normal OU variable
    let speed = Math.hypot(this.vx, this.vy);
    if (speed === 0) { this.vx = 1e-8; this.vy = 0; speed = 1e-8; }
    const z = ouStep(rayleighToNormal(speed, sigmaR), 0, 1, p.speedCoherenceTime, dt, this.normal(STREAM_SPEED));
    const scale = normalToRayleigh(z, sigmaR) / speed;
    this.vx *= scale; this.vy *= scale;
    // 3. walls: spring on the velocity, conveyor belt on the position
    this.repelFromWalls(box, sigmaR, dt);
    // 4. move, bouncing off walls
    this.x += this.vx * dt;
    this.y += this.vy * dt;
    this.bounce(box, px, py, sigmaR, dt);
    if (!insideBox(box, this.x, this.y)) {
      // RatInABox's safety net (apply_boundary_conditions): back to 1 cm inside.
      this.x = Math.min(Math.max(this.x, 0.01), box.width - 0.01);
      this.y = Math.min(Math.max(this.y, 0.01), box.height - 0.01);
    }
  }

  private repelFromWalls(box: Box, sigmaR: number, dt: number): void {
    const { wallRepelDistance: d, wallRepelStrength, thigmotaxis } = this.params;
    const v0 = wallRepelStrength * sigmaR;
    const k = (v0 * v0) / (d * d);
    let ax = 0, ay = 0, ux = 0, uy = 0;
    for (const wall of box.walls) {
      const r = vectorFromSegment(wall, this.x, this.y);
      const dist = Math.hypot(r.x, r.y);
      if (dist > d || dist === 0) continue;
      const nx = r.x / dist, ny = r.y / dist;
      const acc = k * (d - dist);
      const belt = v0 * (1 - Math.sqrt(1 - ((d - dist) * (d - dist)) / (d * d)));
      ax += acc * nx; ay += acc * ny;
      ux += belt * nx; uy += belt * ny;
    }
    const spring = 3 * (1 - thigmotaxis) ** 2, conveyor = 6 * thigmotaxis ** 2;
    this.vx += spring * ax * dt; this.vy += spring * ay * dt;
    this.x += conveyor * ux * dt; this.y += conveyor * uy * dt;
  }

  private bounce(box: Box, px: number, py: number, sigmaR: number, dt: number): void {
    for (let i = 0; i < MAX_BOUNCES; i++) {
      const hit = firstCollision(box, px, py, this.x, this.y);
      if (!hit) return;
      const r = reflectOffWall(this.vx, this.vy, hit.wall);
      const scale = (0.5 * sigmaR) / (Math.hypot(r.x, r.y) || 1);
      this.vx = r.x * scale; this.vy = r.y * scale;
      this.x = px + this.vx * dt;
      this.y = py + this.vy * dt;
    }
    if (firstCollision(box, px, py, this.x, this.y)) { this.x = px; this.y = py; }
  }

  private randomStepTrack(track: Track, dt: number): void {
    const p = this.params;
    this.vx = ouStep(this.vx, this.direction * p.speedMean, p.speedStd, p.speedCoherenceTime, dt, this.normal(STREAM_SPEED));
    this.x += this.vx * dt;
    if (this.x < 0 || this.x > track.length) {
      this.x = this.x < 0 ? -this.x : 2 * track.length - this.x;
      this.x = Math.min(Math.max(this.x, 0), track.length);
      this.vx = -this.vx;
      this.direction = this.x < track.length / 2 ? 1 : -1;
    }
  }

  /** Velocity (m/s) that heads for a target, reaching it this step if maxSpeed allows. */
  private towards(target: { x: number; y: number; maxSpeed: number }, dt: number): { x: number; y: number } {
    const dx = target.x - this.x, dy = this.env.kind === 'box' ? target.y - this.y : 0;
    const dist = Math.hypot(dx, dy);
    if (dist === 0) return { x: 0, y: 0 };
    const speed = Math.min(target.maxSpeed, dist / dt);
    return { x: (dx / dist) * speed, y: (dy / dist) * speed };
  }

  /** Moves by (vx, vy) dt, stopping just short of the first wall in the way. */
  private moveStoppingAtWalls(px: number, py: number, vx: number, vy: number, dt: number): void {
    let nx = px + vx * dt, ny = py + vy * dt;
    if (this.env.kind === 'track') {
      this.x = Math.min(Math.max(nx, 0), this.env.length);
      return;
    }
    const hit = firstCollision(this.env, px, py, nx, ny);
    if (hit) {
      const f = Math.max(0, hit.t - 1e-6 / Math.hypot(nx - px, ny - py));
      nx = px + f * (nx - px); ny = py + f * (ny - py);
    }
    this.x = nx; this.y = ny;
  }

  private measure(px: number, py: number, dt: number): void {
    const pvx = this.measuredVx, pvy = this.measuredVy;
    this.measuredVx = (this.x - px) / dt;
    this.measuredVy = (this.y - py) / dt;
    const moved = this.measuredVx !== 0 || this.measuredVy !== 0;
    const before = pvx !== 0 || pvy !== 0;
    this.measuredOmega = this.env.kind === 'box' && moved && before
      ? wrapAngle(Math.atan2(this.measuredVy, this.measuredVx) - Math.atan2(pvy, pvx)) / dt
      : 0;
  }
}
