/**
 * Advances the engine while the app runs, apart from drawing: each request
 * asks for the simulated time that keeps up with real time × speed (or, at
 * full speed, about a 10 ms slice of work); two requests stay queued so the
 * engine (in its worker or on the GPU) never waits for the page, which
 * redraws the plots on its own animation frames. Measures the real-time
 * factor. Stops on disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Engine } from '../engine';

/** Engine time one request may take (ms). */
const SLICE_MS = 15;
/** Step requests queued at once: the engine (in a worker, or on the GPU) goes on while the page draws. */
const MAX_IN_FLIGHT = 3;
/** Longest real-time gap made up after a stall (s): a background tab does not come back to a burst. */
const MAX_CATCH_UP_S = 0.1;

const nextMacrotask = () => new Promise<void>((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(null);
});
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SimLoop implements ReactiveController {
  engine?: Engine;
  /** Simulated seconds per real second; Infinity = as fast as possible. */
  speed = 1;
  /** Simulated seconds per wall second over the last second. */
  realTimeFactor = 0;
  onError?: (err: unknown) => void;

  private active = false;
  private connected = false;
  private busy = false;
  private msPerStep = 0.05;
  private owedSince = 0;
  private window: { wall: number; sim: number }[] = [];
  private lastRender = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get running(): boolean {
    return this.active;
  }

  set running(on: boolean) {
    if (on === this.active) return;
    this.active = on;
    if (on && this.connected) void this.run();
  }

  hostConnected(): void {
    this.connected = true;
    if (this.active) void this.run();
  }

  hostDisconnected(): void {
    this.connected = false;
  }

  /** Advance by exactly n steps (the step button); resolves when done. */
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

  resetMeasurement(): void {
    this.window = [];
    this.realTimeFactor = 0;
    this.owedSince = performance.now();
  }

  private async run(): Promise<void> {
    this.owedSince = performance.now();
    const inFlight = new Set<Promise<void>>();
    while (this.active && this.connected) {
      const engine = this.engine;
      if (!engine || this.busy) {
        await sleep(16);
        continue;
      }
      if (inFlight.size >= MAX_IN_FLIGHT) {
        await Promise.race(inFlight);
        continue;
      }
      const dt = engine.scenario.dt;
      const now = performance.now();
      const affordable = Math.max(1, Math.floor(SLICE_MS / this.msPerStep));
      let n = affordable;
      if (Number.isFinite(this.speed)) {
        const owedSeconds = Math.min(MAX_CATCH_UP_S, (now - this.owedSince) / 1000) * this.speed;
        n = Math.min(affordable, Math.floor(owedSeconds / dt));
        if (n < 1) {
          await sleep(4);
          continue;
        }
        this.owedSince += (n * dt * 1000) / this.speed; // credit the time asked for against the time owed
      }
      const step: Promise<void> = engine.step(n).then(
        () => {
          const end = performance.now();
          // the engine's own time, not the page's: a busy page must not shrink the next requests
          this.msPerStep = 0.7 * this.msPerStep + 0.3 * ((engine.lastStepSeconds * 1000) / n);
          this.measure(end, n * dt);
          if (end - this.lastRender > 50) {
            this.lastRender = end;
            this.host.requestUpdate(); // the time and rate readouts: 20 updates a second are plenty
          }
        },
        (err: unknown) => {
          if (!this.active) return;
          this.active = false;
          this.onError?.(err);
        },
      ).finally(() => inFlight.delete(step));
      inFlight.add(step);
      await nextMacrotask();
    }
    await Promise.all(inFlight);
    this.host.requestUpdate(); // the readouts show where the last queued step ended
  }

  private measure(now: number, simSeconds: number): void {
    this.window.push({ wall: now, sim: simSeconds });
    while (this.window.length > 1 && now - this.window[0]!.wall > 1000) this.window.shift();
    const span = (now - this.window[0]!.wall) / 1000;
    const sim = this.window.slice(1).reduce((s, w) => s + w.sim, 0);
    this.realTimeFactor = span > 0.2 ? sim / span : 0;
  }
}
