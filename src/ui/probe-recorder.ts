/**
 * Records every probe's frames for export, keeping the last KEEP_SECONDS of
 * simulated time so a long session does not grow memory.
 */
import type { Engine } from '../engine';
import { collect, emptyResults, type ProbeResult, trimBefore } from '../engine/probe-results';

export const KEEP_SECONDS = 60;

export class ProbeRecorder {
  private results: Record<string, ProbeResult> = {};
  private unsubscribe?: () => void;

  attach(engine: Engine): void {
    this.detach();
    this.results = emptyResults(engine.scenario);
    this.unsubscribe = engine.subscribe((frame) => {
      collect(this.results, [frame]);
      const latest = frame.t[frame.t.length - 1];
      if (latest !== undefined) trimBefore(this.results, latest - KEEP_SECONDS);
    });
  }

  clear(engine: Engine): void {
    this.results = emptyResults(engine.scenario);
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  get probes(): Readonly<Record<string, ProbeResult>> {
    return this.results;
  }
}
