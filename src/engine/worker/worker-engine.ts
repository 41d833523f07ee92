/**
 * An Engine whose simulation runs in a Web Worker (engine-worker.ts). Same
 * interface as the in-thread engine: the page keeps the scenario, checks
 * patches for structural changes itself (so apply still throws at once), and
 * receives probe frames as they are read back in the worker.
 */
import { applyPatch } from '../../scenario/patch';
import type { Scenario } from '../../scenario/schema';
import { parseScenario } from '../../scenario/validate';
import { checkDrive } from '../agent-driver';
import { StructuralChangeError } from '../errors';
import { structureKey } from '../plan';
import type { AgentDrive, BackendKind, Engine, FrameListener, ParamPatch, ProbeFrame } from '../types';
import { type CreatedInfo, deserializeError, type FromWorker, type ToWorker, type WorkerEngineOptions } from './protocol';

export class WorkerEngine implements Engine {
  private current: Scenario;
  private steps = 0;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (frames: ProbeFrame[]) => void; reject: (err: Error) => void; frames: ProbeFrame[] }>();
  private readonly listeners = new Set<FrameListener>();
  private failure: Error | undefined;
  /** step requests with a smaller id were issued before the last reset: their frames are stale */
  private staleBefore = 0;
  lastStepSeconds = 0;

  private constructor(private readonly worker: Worker, scenario: Scenario, private readonly info: CreatedInfo) {
    this.current = scenario;
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
  }

  /** Starts a worker and builds the engine in it; rejects with the worker's typed error. */
  static async create(scenario: Scenario, options: WorkerEngineOptions = {}): Promise<WorkerEngine> {
    const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'engram-engine' });
    const info = await new Promise<CreatedInfo>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        if (e.data.type === 'created') resolve(e.data.info);
        else if (e.data.type === 'error') reject(deserializeError(e.data.error));
      };
      worker.onerror = (e) => reject(new Error(`the engine worker failed to start: ${e.message}`));
      const msg: ToWorker = { type: 'create', scenario, options };
      worker.postMessage(msg);
    }).catch((err: unknown) => {
      worker.terminate();
      throw err;
    });
    return new WorkerEngine(worker, scenario, info);
  }

  get backend(): BackendKind {
    return this.info.backend;
  }
  get adapter(): string {
    return this.info.adapter;
  }
  get traffic() {
    return this.info.traffic;
  }
  get scenario(): Scenario {
    return this.current;
  }
  get stepIndex(): number {
    return this.steps;
  }
  get time(): number {
    return this.steps * this.current.dt;
  }

  step(n: number): Promise<ProbeFrame[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, frames: [] });
      this.send({ type: 'step', id, n });
    });
  }

  apply(patch: ParamPatch): void {
    const next = parseScenario(applyPatch(this.current, patch));
    if (structureKey(next) !== structureKey(this.current)) throw new StructuralChangeError(Object.keys(patch).join(', '));
    this.current = next;
    this.send({ type: 'apply', patch });
  }

  reset(seed?: number): void {
    if (seed !== undefined) this.current = parseScenario({ ...this.current, seed });
    this.steps = 0;
    this.staleBefore = this.nextId;
    this.send({ type: 'reset', ...(seed !== undefined ? { seed } : {}) });
  }

  drive(drive: AgentDrive | null): void {
    checkDrive(drive);
    this.send({ type: 'drive', drive });
  }

  subscribe(listener: FrameListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  describePlan(): string[] {
    return this.info.plan;
  }

  dispose(): void {
    this.send({ type: 'dispose' });
    this.listeners.clear();
    for (const p of this.pending.values()) p.reject(new Error('engine disposed'));
    this.pending.clear();
  }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'frames': {
        if (msg.id < this.staleBefore) return;
        const p = this.pending.get(msg.id);
        for (const f of msg.frames) {
          p?.frames.push(f);
          for (const l of this.listeners) l(f);
        }
        return;
      }
      case 'stepped': {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.id >= this.staleBefore) this.steps = msg.stepIndex;
        this.lastStepSeconds = msg.seconds;
        p?.resolve(msg.id >= this.staleBefore ? p.frames : []);
        return;
      }
      case 'error': {
        const err = deserializeError(msg.error);
        if (msg.id !== undefined) {
          const p = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          p?.reject(err);
        } else {
          this.failure = err;
        }
        return;
      }
      case 'created':
        return;
    }
  }
}
