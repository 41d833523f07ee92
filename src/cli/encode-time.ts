/**
 * CPU time to encode a chunk on the GPU backend, unfused: from the start of
 * runChunk to its queue.submit (docs/benchmarks.md, "Encoding and pipelining").
 *   npx tsx --import ./scripts/raw-import.mjs src/cli/encode-time.ts [scenario ids…] [--chunk N] [--chunks K] [--set path=json]… [--in-flight K]
 * (--set patches every scenario, e.g. --set populations.P.n=500: a smaller
 * network encodes the same dispatches and runs faster on SwiftShader;
 * --in-flight: chunks in flight, default 1, so that encoding does not share
 * the CPU with SwiftShader running the previous chunk.)
 * Encoding is host work, so SwiftShader measures it as a hardware GPU would
 * (the GPU's own time is not what this times). Prints µs per step per chunk,
 * the first chunk (pipeline warm-up) left out of the median, the process's
 * CPU time over the same interval (less sensitive to other jobs on the
 * machine; with one chunk in flight SwiftShader's threads are idle then), and
 * the wall time per step of the whole step() call.
 */
import '../../scripts/gpu-env.mjs';
import { GpuBackend } from '../engine/gpu/gpu-backend';
import { acquireDevice } from '../engine/gpu/device';
import { nodeGpu } from '../engine/gpu/node-gpu';
import { dispatchesPerStep } from '../engine/gpu/kernels';
import { kernelParams, layoutNetwork } from '../engine/plan';
import { Simulation } from '../engine/simulation';
import { applyPatch, type PatchValue } from '../scenario/patch';
import { shippedDocument } from '../scenario/registry';
import { parseScenario } from '../scenario/validate';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? Number(args.splice(k, 2)[1]) : fallback;
};
const sets: Record<string, PatchValue> = {};
for (let k = args.indexOf('--set'); k >= 0; k = args.indexOf('--set')) {
  const [path, value] = args.splice(k, 2)[1]!.split('=') as [string, string];
  sets[path] = JSON.parse(value) as PatchValue;
}
const chunk = opt('chunk', 200);
const chunks = opt('chunks', 6);
const inFlight = opt('in-flight', 1);
const ids = args.length > 0 ? args : ['working-memory-ring', 'place-map-formation'];

for (const id of ids) {
  const scenario = parseScenario(applyPatch(shippedDocument(id), sets));
  const layout = layoutNetwork(scenario, chunk);
  const { device, adapterName } = await acquireDevice(nodeGpu());
  const queue = device.queue;
  const submit = queue.submit.bind(queue);
  let submittedAt = 0;
  let cpuStart = process.cpuUsage();
  let cpuAtSubmit = cpuStart;
  queue.submit = (buffers: Iterable<GPUCommandBuffer>) => {
    submittedAt = performance.now();
    cpuAtSubmit = process.cpuUsage(cpuStart);
    submit(buffers);
  };
  const backend = new GpuBackend(device, adapterName, layout, { fuse: 'never', chunksInFlight: inFlight });
  const perStep: number[] = [];
  const cpuPerStep: number[] = [];
  const run = backend.runChunk.bind(backend);
  backend.runChunk = (baseStep: number, steps: number) => {
    cpuStart = process.cpuUsage();
    const start = performance.now();
    const pending = run(baseStep, steps);
    perStep.push(((submittedAt - start) * 1000) / steps);
    cpuPerStep.push((cpuAtSubmit.user + cpuAtSubmit.system) / steps);
    return pending;
  };
  const sim = new Simulation(scenario, layout, backend);
  const started = performance.now();
  await sim.step(chunk * chunks);
  const wall = ((performance.now() - started) * 1000) / (chunk * chunks);
  sim.dispose();
  const timed = perStep.slice(1).sort((a, b) => a - b);
  const median = timed[Math.floor(timed.length / 2)]!;
  console.log(`${id}: ${layout.dispatches.map((d) => d.kernel).join(' ')}`);
  const cpu = cpuPerStep.slice(1).sort((a, b) => a - b);
  const everyStep = dispatchesPerStep(layout, kernelParams(layout, scenario));
  console.log(`${id}: ${everyStep} dispatches every step as encoded (${layout.dispatches.length} in the plan), ${chunks} chunks of ${chunk} steps on ${adapterName}: encode ${median.toFixed(1)} µs/step median, ${timed[0]!.toFixed(1)} min (${timed.map((v) => v.toFixed(1)).join(', ')}), ${(median / everyStep).toFixed(2)} µs/dispatch; process CPU time ${cpu[Math.floor(cpu.length / 2)]!.toFixed(1)} µs/step median, ${cpu[0]!.toFixed(1)} min; wall ${wall.toFixed(0)} µs/step with ${inFlight} in flight`);
}
process.exit(0);
