/**
 * Web Worker entry: runs one engine (WebGPU through the worker's navigator.gpu,
 * or the CPU backend) off the page's main thread, so stepping never competes
 * with drawing. Messages: src/engine/worker/protocol.ts.
 */
/// <reference lib="webworker" />
import { createEngine } from '../create-engine';
import type { Engine } from '../types';
import { type FromWorker, serializeError, type ToWorker, transferables } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: Engine | undefined;
/** id of the step request being run: frames are tagged with it */
let stepId = -1;
/** Messages run one at a time, in order: a step finishes before a later apply or reset lands. */
let queue = Promise.resolve();

const post = (msg: FromWorker, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'create': {
      engine?.dispose();
      engine = await createEngine(msg.scenario, { ...msg.options, gpu: self.navigator.gpu });
      engine.subscribe((frame) => post({ type: 'frames', id: stepId, frames: [frame] }, transferables([frame])));
      post({ type: 'created', info: { backend: engine.backend, adapter: engine.adapter, traffic: engine.traffic, plan: engine.describePlan() } });
      return;
    }
    case 'step':
      stepId = msg.id;
      await engine!.step(msg.n);
      post({ type: 'stepped', id: msg.id, stepIndex: engine!.stepIndex, seconds: engine!.lastStepSeconds });
      return;
    case 'apply':
      engine!.apply(msg.patch);
      return;
    case 'reset':
      engine!.reset(msg.seed);
      return;
    case 'drive':
      engine!.drive(msg.drive);
      return;
    case 'dispose':
      engine?.dispose();
      engine = undefined;
      self.close();
      return;
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  queue = queue.then(() => handle(msg)).catch((err: unknown) => {
    post({ type: 'error', ...(msg.type === 'step' ? { id: msg.id } : {}), error: serializeError(err) });
  });
};
