// The fused step (shaders/fused/fused-step.wgsl) on a real WebGPU implementation
// (Dawn on SwiftShader in CI): which networks it runs, and that its runs equal
// the unfused GPU path and the CPU backend, spikes and state, on the
// working-memory ring at half size with the cue on and NMDA recurrence at work.
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine, type ProbeFrame } from '../../src/engine';
import { type FusedPlan, fusedPlan, fusesOn } from '../../src/engine/fused-plan';
import { layoutNetwork, sectionOffset } from '../../src/engine/plan';
import { fusedWorkgroup } from '../../src/engine/gpu/fused-step';
import { nodeGpu } from '../../src/engine/gpu/node-gpu';
import type { FuseOption } from '../../src/engine/types';
import { loadShipped, shippedDocument } from '../../src/scenario/registry';
import { applyPatch } from '../../src/scenario/patch';
import { parseScenario } from '../../src/scenario/validate';
import { samplesOf, spikesOf } from '../helpers/run';

/** The half-size ring, cue from 5 ms, with state probes on E (v, NMDA conductance) and I (v). */
function cuedRing() {
  const doc = applyPatch(shippedDocument('working-memory-ring-half'), { 'stimuli.cue.onset': 0.005, 'stimuli.cue.amplitude': 1 }) as Record<string, unknown>;
  const probes = [
    ...(doc.probes as object[]),
    { id: 'vE', kind: 'state', population: 'E', variable: 'v', indices: [0, 256, 511, 512, 1023], everySteps: 3 },
    { id: 'gE', kind: 'state', population: 'E', variable: 'gNmda', indices: [100, 512, 900] },
    { id: 'vI', kind: 'state', population: 'I', variable: 'v', indices: [0, 255] },
  ];
  return parseScenario({ ...doc, probes });
}

interface Run { frames: ProbeFrame[]; state: Float32Array; plan: string[]; adapter: string }

async function run(backend: 'cpu' | 'gpu', fuse: FuseOption, steps: number, options: { stepsPerDispatch?: number } = {}): Promise<Run> {
  const engine: Engine = await createEngine(cuedRing(), { backend, gpu: nodeGpu(), fuse, maxStepsPerChunk: 160, ...options });
  const frames = [...(await engine.step(steps - 100)), ...(await engine.step(100))];
  const plan = engine.describePlan();
  const adapter = engine.adapter;
  // the whole state arena, through the simulation's backend
  const arenas = await (engine as unknown as { impl: { readArenas(): Promise<{ state: Float32Array }> } }).impl.readArenas();
  engine.dispose();
  return { frames, state: arenas.state, plan, adapter };
}

const STEPS = 400;

describe('fused step', () => {
  it('runs the working-memory rings and not networks it cannot hold in one workgroup', () => {
    for (const id of ['working-memory-ring', 'working-memory-ring-half']) {
      const s = loadShipped(id);
      expect(fusedPlan(layoutNetwork(s, 100)), id).toHaveProperty('plan');
    }
    expect(fusedPlan(layoutNetwork(loadShipped('ei-network'), 100))).toEqual({ reason: expect.stringMatching(/projection EE is fixedInDegree/) });
    const big = parseScenario(applyPatch(shippedDocument('working-memory-ring'), { 'populations.E.n': 8192 }));
    expect(fusedPlan(layoutNetwork(big, 100))).toEqual({ reason: expect.stringMatching(/8704 neurons, more than/) });
  });

  it("fits its one workgroup to the device's workgroup memory, or says why it cannot", () => {
    const layout = layoutNetwork(loadShipped('working-memory-ring'), 100);
    const { plan } = fusedPlan(layout) as { plan: FusedPlan };
    const limits = (bytes: number, invocations = 1024) =>
      ({ maxComputeInvocationsPerWorkgroup: invocations, maxComputeWorkgroupSizeX: invocations, maxComputeWorkgroupStorageSize: bytes }) as GPUSupportedLimits;
    // the E vector, read by both NMDA projections, is staged once: 2048 floats
    expect(fusedWorkgroup(limits(32768), layout, plan)).toMatchObject({ size: 1024, memory: { sourceCap: 2048, bytes: 20272 } });
    // WebGPU's default 16 KB: the mode partials' 8 bytes an invocation give way
    expect(fusedWorkgroup(limits(16384), layout, plan)).toMatchObject({ size: 512, memory: { bytes: 16176 } });
    expect(fusedWorkgroup(limits(16384, 256), layout, plan)).toMatchObject({ size: 256 });
    expect(fusedWorkgroup(limits(12000), layout, plan)).toEqual({ reason: expect.stringMatching(/need 12592 bytes of workgroup memory, more than the device's 12000/) });
  });

  it("leaves 'auto' unfused on a software adapter, where one workgroup is one CPU thread", async () => {
    expect(fusesOn('google swiftshader Google SwiftShader')).toBe(false);
    expect(fusesOn('nvidia hopper NVIDIA H100 80GB HBM3')).toBe(true);
    const engine = await createEngine(loadShipped('working-memory-ring-half'), { backend: 'gpu', gpu: nodeGpu() });
    expect(engine.describePlan().some((l) => l.startsWith('fused')), engine.adapter).toBe(fusesOn(engine.adapter));
    engine.dispose();
  });

  // 'auto' does this on a hardware adapter; 'measure' asks for it on SwiftShader too
  it("'measure' times both forms on the loaded ring, keeps the faster and starts the run where it was", async () => {
    const timed = await run('gpu', 'measure', 300);
    const unfused = await run('gpu', 'never', 300);
    const line = timed.plan.at(-1)!;
    const t = /\(timed here: ([\d.]+) µs fused against ([\d.]+) µs unfused, a step\)$/.exec(line);
    expect(t, line).not.toBeNull();
    expect(line.startsWith('fused: 100 steps per dispatch'), line).toBe(Number(t![1]) < Number(t![2]));
    if (!line.startsWith('fused')) expect(line).toMatch(/^unfused \(/);
    // the timing ran the network some hundred steps; the saved arenas put it back
    expect(spikesOf(timed.frames, 'spikesE')).toEqual(spikesOf(unfused.frames, 'spikesE'));
    expect(spikesOf(timed.frames, 'spikesI')).toEqual(spikesOf(unfused.frames, 'spikesI'));
    expect(timed.state).toEqual(unfused.state);
  });

  it("refuses fuse 'always' for a network that does not qualify, naming why", async () => {
    await expect(createEngine(loadShipped('ei-network'), { backend: 'gpu', gpu: nodeGpu(), fuse: 'always' })).rejects.toThrow(/does not fuse: projection EE/);
  });

  it('equals the unfused GPU path and the CPU backend over 400 cued steps, spikes and state', async () => {
    const cpu = await run('cpu', 'never', STEPS);
    const unfused = await run('gpu', 'never', STEPS);
    // 64 steps per dispatch: dispatches straddle chunk ends (chunks of 160, the last cut by the call of 100 steps)
    const fused = await run('gpu', 'always', STEPS, { stepsPerDispatch: 64 });
    expect(fused.plan.at(-1)).toMatch(/^fused: 64 steps per dispatch/);
    expect(unfused.plan.some((l) => l.startsWith('fused'))).toBe(false);

    const spikesE = spikesOf(cpu.frames, 'spikesE');
    const spikesI = spikesOf(cpu.frames, 'spikesI');
    // the cue and the recurrence must be at work, or equality proves little
    const cued = spikesE.i.filter((i) => i > 448 && i < 576).length;
    expect(cued, 'spikes of cued cells').toBeGreaterThan(3 * spikesE.i.filter((i) => i < 128).length + 20);
    expect(spikesI.t.length).toBeGreaterThan(50);

    for (const [name, r] of [['unfused', unfused], ['fused', fused]] as const) {
      expect(spikesOf(r.frames, 'spikesE'), `${name} E spikes`).toEqual(spikesE);
      expect(spikesOf(r.frames, 'spikesI'), `${name} I spikes`).toEqual(spikesI);
      expect(samplesOf(r.frames, 'profileE'), `${name} rate profile`).toEqual(samplesOf(cpu.frames, 'profileE'));
      for (const probe of ['vE', 'gE', 'vI']) {
        const want = samplesOf(cpu.frames, probe);
        const got = samplesOf(r.frames, probe);
        expect(got.t, `${name} ${probe} sample times`).toEqual(want.t);
        got.values.flat().forEach((v, k) => expect(Math.abs(v - want.values.flat()[k]!), `${name} ${probe}[${k}]`).toBeLessThan(1e-3 * (1 + Math.abs(v))));
      }
    }
    // fused and unfused GPU runs: the same functions in the same order, so the same bits on SwiftShader
    // (a hardware compiler may contract multiply-adds differently once the functions are inlined elsewhere)
    if (!fusesOn(fused.adapter)) expect(fused.state).toEqual(unfused.state);
    else unfused.state.forEach((v, k) => expect(Math.abs(fused.state[k]! - v), `state[${k}]`).toBeLessThan(1e-4 * (1 + Math.abs(v))));
    const layout = layoutNetwork(cuedRing(), 160);
    const gN = sectionOffset(layout.populations[0]!, 'gNmda');
    expect(Math.max(...fused.state.subarray(gN, gN + 1024)), 'NMDA input').toBeGreaterThan(0.5);
  });

  // J+ and σ are live (issue 3): a narrower, stronger profile needs more Fourier modes (here more than
  // one pass of the fused step's mode segments), within the room the layout keeps for them
  it('takes a live change of the ring profile (σ 8°, J+ 3) mid-run as the CPU backend does', async () => {
    const change = { 'projections.EE.connectivity.profile.sigma': 8, 'projections.EE.connectivity.profile.jPlus': 3 };
    const go = async (backend: 'cpu' | 'gpu', fuse: FuseOption, patch: Record<string, number>) => {
      const engine = await createEngine(cuedRing(), { backend, gpu: nodeGpu(), fuse, maxStepsPerChunk: 160, stepsPerDispatch: 64 });
      const frames = await engine.step(200);
      engine.apply(patch);
      frames.push(...(await engine.step(200)));
      engine.dispose();
      return spikesOf(frames, 'spikesE');
    };
    const cpu = await go('cpu', 'never', change);
    expect(await go('gpu', 'always', change)).toEqual(cpu);
    expect(await go('cpu', 'never', {})).not.toEqual(cpu);
  });
});
