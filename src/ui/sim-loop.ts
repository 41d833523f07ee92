/**
 * The animation-frame loop that advances the engine while the app runs:
 * each frame asks for the simulated time that keeps up with real time × speed,
 * capped by a per-frame time budget so the page stays responsive; never two
 * steps in flight. Measures the real-time factor. Stops on disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Engine } from '../engine';

/** Wall time one frame may spend stepping (ms); the rest is for drawing. */
const FRAME_BUDGET_MS = 12;

export class SimLoop implements ReactiveController {
  engine?: Engine;
  running = false;
  /** Simulated seconds per real second; Infinity = as fast as the budget allows. */
  speed = 1;
  /** Simulated seconds per wall second over the last second. */
  realTimeFactor = 0;
  onError?: (err: unknown) => void;

  private frame = 0;
  private busy = false;
  private lastFrame = 0;
  private msPerStep = 0.05;
  private window: { wall: number; sim: number }[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.frame = requestAnimationFrame((t) => this.tick(t));
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
  }

  /** Advance by exactly n steps (the single-step button); resolves when done. */
  async stepOnce(n: number): Promise<void> {
    if (!this.engine || this.busy) return;
    this.busy = true;
    try {
      await this.engine.step(n);
    } catch (err) {
      this.onError?.(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private tick(now: number): void {
    this.frame = requestAnimationFrame((t) => this.tick(t));
    const elapsed = Math.min(0.1, (now - (this.lastFrame || now)) / 1000);
    this.lastFrame = now;
    if (!this.running || !this.engine || this.busy) return;
    const engine = this.engine;
    const dt = engine.scenario.dt;
    const affordable = Math.max(1, Math.floor(FRAME_BUDGET_MS / this.msPerStep));
    const wanted = Number.isFinite(this.speed) ? Math.max(1, Math.round((elapsed * this.speed) / dt)) : affordable;
    const n = Math.min(wanted, affordable);
    this.busy = true;
    const start = performance.now();
    engine.step(n).then(
      () => {
        const wall = performance.now() - start;
        this.msPerStep = 0.7 * this.msPerStep + 0.3 * (wall / n);
        this.measure(performance.now(), n * dt);
        this.busy = false;
        this.host.requestUpdate();
      },
      (err: unknown) => {
        this.busy = false;
        this.running = false;
        this.onError?.(err);
      },
    );
  }

  private measure(now: number, simSeconds: number): void {
    this.window.push({ wall: now, sim: simSeconds });
    while (this.window.length > 1 && now - this.window[0]!.wall > 1000) this.window.shift();
    const span = (now - this.window[0]!.wall) / 1000;
    const sim = this.window.slice(1).reduce((s, w) => s + w.sim, 0);
    this.realTimeFactor = span > 0.2 ? sim / span : 0;
  }

  resetMeasurement(): void {
    this.window = [];
    this.realTimeFactor = 0;
  }
}
