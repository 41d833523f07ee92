/**
 * Advances the engine while the app runs, apart from drawing: each request
 * asks for the simulated time that keeps up with real time × speed (or, at
 * full speed, about a 15 ms slice of work). An engine that queues requests
 * itself in order (the worker engine) gets a few at once, so it never waits
 * for the page, which redraws the plots on its own animation frames; an
 * in-thread engine gets one at a time, because its step() must not overlap
 * another (both would start from the same step index). Measures the
 * real-time factor. Stops on disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Engine } from '../engine';

/** Engine time one request may take (ms). */
const SLICE_MS = 15;
/** Step requests queued at once on an engine that queues them itself: it goes on while the page draws. */
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
  private engine?: Engine;
  /** Simulated seconds per real second; Infinity = as fast as possible. */
  speed = 1;
  /** Simulated seconds per wall second over the last second. */
  realTimeFactor = 0;
  onError?: (err: unknown) => void;

  private active = false;
  /** bumped by every run(): a loop from before a quick pause and resume ends instead of running beside the new one */
  private loopId = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private pipelined = false;
  private connected = false;
  private busy = false;
  private msPerStep = 0.05;
  private owedSince = 0;
  /** engine time when the last request resolved (s) */
  private seenTime = 0;
  private window: { wall: number; sim: number }[] = [];
  private lastRender = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * The engine to step; `pipelined` when it runs requests in order by itself
   * (WorkerEngine), so several may be outstanding.
   */
  setEngine(engine: Engine | undefined, pipelined: boolean): void {
    this.engine = engine;
    this.pipelined = pipelined;
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
      await this.drain(); // steps queued before a pause finish first
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
    this.seenTime = this.engine?.time ?? 0;
  }

  /** Resolves when every queued step request has settled. */
  private async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private async run(): Promise<void> {
    const id = ++this.loopId;
    this.owedSince = performance.now();
    this.seenTime = this.engine?.time ?? 0;
    const inFlight = this.inFlight;
    while (this.active && this.connected && id === this.loopId) {
      const engine = this.engine;
      if (!engine || this.busy) {
        await sleep(16);
        continue;
      }
      if (inFlight.size >= (this.pipelined ? MAX_IN_FLIGHT : 1)) {
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
          // a fast-forward advances more than asked (quiet hours pass at once at any speed): measure the engine's time
          const advanced = Math.max(0, engine.time - this.seenTime);
          this.seenTime = engine.time;
          // the cost of a step, learnt from requests that were not fast-forwarded
          if (advanced <= n * dt * 1.001) this.msPerStep = 0.7 * this.msPerStep + 0.3 * ((engine.lastStepSeconds * 1000) / n);
          this.measure(end, advanced);
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
    await this.drain();
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
