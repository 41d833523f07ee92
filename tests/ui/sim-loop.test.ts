// The run loop never overlaps step() calls on an engine that cannot take them
// (the in-thread engine: two calls would both start from the same step index),
// keeps several queued on one that orders them itself (the worker engine), and
// one loop runs at a time however quickly run and pause alternate.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { SimLoop } from '../../src/ui/sim-loop';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An engine whose step takes `ms` of wall time and records how many calls
 * overlap; `advance` × the steps asked for pass (a fast-forward advances more).
 */
function fakeEngine(ms = 3, advance = 1) {
  const record = { calls: 0, active: 0, maxActive: 0, steps: 0 };
  const engine = {
    scenario: { dt: 1e-4 },
    lastStepSeconds: ms / 1000,
    get time() {
      return record.steps * 1e-4;
    },
    async step(n: number) {
      record.calls++;
      record.active++;
      record.maxActive = Math.max(record.maxActive, record.active);
      await sleep(ms);
      record.steps += n * advance;
      record.active--;
      return [];
    },
  } as unknown as Engine;
  return { engine, record };
}

function host(): ReactiveControllerHost & { updates: number } {
  const controllers: ReactiveController[] = [];
  return {
    updates: 0,
    addController: (c) => controllers.push(c),
    removeController: () => undefined,
    requestUpdate() {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
}

function loopWith(engine: Engine, pipelined: boolean): SimLoop {
  const loop = new SimLoop(host());
  loop.hostConnected();
  loop.setEngine(engine, pipelined);
  loop.speed = Infinity;
  return loop;
}

describe('SimLoop', () => {
  it('steps an in-thread engine one request at a time', async () => {
    const { engine, record } = fakeEngine();
    const loop = loopWith(engine, false);
    loop.running = true;
    await sleep(250);
    loop.running = false;
    await sleep(20);
    expect(record.calls).toBeGreaterThan(10);
    expect(record.maxActive).toBe(1);
    expect(record.active).toBe(0);
  });

  it('keeps up to three requests queued on an engine that orders them itself', async () => {
    const { engine, record } = fakeEngine();
    const loop = loopWith(engine, true);
    loop.running = true;
    await sleep(250);
    loop.running = false;
    await sleep(20);
    expect(record.maxActive).toBe(3);
  });

  it('runs one loop after a quick pause and resume', async () => {
    const { engine, record } = fakeEngine();
    const loop = loopWith(engine, false);
    loop.running = true;
    await sleep(30);
    for (let k = 0; k < 5; k++) {
      loop.running = false;
      loop.running = true;
      await sleep(1);
    }
    await sleep(150);
    loop.running = false;
    await sleep(20);
    expect(record.maxActive).toBe(1);
  });

  it('a single step waits for the steps queued before a pause', async () => {
    const { engine, record } = fakeEngine(10);
    const loop = loopWith(engine, false);
    loop.running = true;
    await sleep(30);
    loop.running = false;
    const before = record.steps;
    await loop.stepOnce(7);
    expect(record.maxActive).toBe(1);
    expect(record.steps).toBeGreaterThan(before);
  });

  it('paces a finite speed against real time', async () => {
    const { engine, record } = fakeEngine(1);
    const loop = loopWith(engine, false);
    loop.speed = 1;
    loop.running = true;
    await sleep(500);
    loop.running = false;
    await sleep(20);
    const simulated = record.steps * 1e-4;
    expect(simulated).toBeGreaterThan(0.3);
    expect(simulated).toBeLessThan(0.6);
  });

  it('lets a fast-forward run ahead of a finite speed (quiet hours pass at once) and measures engine time', async () => {
    const { engine, record } = fakeEngine(1, 20);
    const loop = loopWith(engine, false);
    loop.speed = 1;
    loop.running = true;
    await sleep(500);
    loop.running = false;
    await sleep(20);
    // each request advances 20 × its size, and the loop does not wait for real time to catch up
    const simulated = record.steps * 1e-4;
    expect(simulated).toBeGreaterThan(6);
    expect(loop.realTimeFactor, 'measured from engine time').toBeGreaterThan(10);
  });
});
