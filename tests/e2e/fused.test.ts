// End to end: the fused GPU step (shaders/fused/fused-step.wgsl) in the browser's own WebGPU
// (Chromium's Dawn, not the `webgpu` package's), forced with ?fuse=always because 'auto' leaves a
// software adapter unfused: the status line says so, and the half-size ring's spikes, cued from
// 5 ms, equal the CPU backend's in the same browser, as they do after ?fuse=measure has timed both
// forms on the loaded ring. On a network that cannot fuse, ?fuse=always
// gives a message with the reason and a button that runs it unfused.
import { afterAll, describe, expect, it } from 'vitest';
import { encodeUrlState } from '../../src/scenario/url';
import { appAttr, closeBrowsers, exportedSpikes, openApp, stepTenMs, waitReady } from '../helpers/browser';

afterAll(closeBrowsers);

const ring = `#s=${encodeUrlState({ base: 'working-memory-ring-half', patch: { 'stimuli.cue.onset': 0.005, 'stimuli.cue.amplitude': 1 } })}`;

async function spikesOn(query: string): Promise<{ spikes: number[]; status: string }> {
  const { page, errors } = await openApp(query + ring);
  expect(await appAttr(page, 'data-state'), errors.join('\n')).toBe('paused');
  await stepTenMs(page, 4);
  const status = (await page.locator('engram-controls .status').textContent()) ?? '';
  const spikes = await exportedSpikes(page, 'spikesE', 0.04);
  expect(errors, errors.join('\n')).toEqual([]);
  return { spikes, status };
}

describe('the fused step in the browser', () => {
  it('runs with ?fuse=always, and after ?fuse=measure has timed it, with the CPU backend\'s spikes', async () => {
    const fused = await spikesOn('?fuse=always');
    expect(fused.status).toMatch(/GPU: .*, fused step/);
    const cpu = await spikesOn('?backend=cpu');
    expect(cpu.status).not.toMatch(/fused/);
    expect(cpu.spikes.length / 2, 'spikes in 40 ms').toBeGreaterThan(30); // [t, i] pairs
    expect(fused.spikes).toEqual(cpu.spikes);
    // ?fuse=measure times both forms as the ring loads (what 'auto' does on a hardware GPU),
    // running the network for the timing, and must then start it where it was
    const measured = await spikesOn('?fuse=measure');
    expect(measured.status).toMatch(/GPU: /);
    expect(measured.spikes).toEqual(cpu.spikes);
  });

  it('explains why a network cannot fuse under ?fuse=always, and runs it unfused on request', async () => {
    const hash = `#s=${encodeUrlState({ base: 'ei-network', patch: { 'populations.E.tauRef': 0.003 } })}`;
    const { page } = await openApp(`?fuse=always${hash}`);
    expect(await appAttr(page, 'data-state')).toBe('error');
    const alert = page.locator('engram-app .error');
    await expect.poll(() => alert.textContent()).toMatch(/cannot run as one fused GPU step.*fuse=always.*only allToAll projections fuse/);
    await alert.getByRole('button', { name: 'Run it unfused' }).click();
    await waitReady(page);
    expect(await appAttr(page, 'data-state')).toBe('paused');
    expect(await page.locator('engram-controls .status').textContent()).toMatch(/GPU: /);
    // the address no longer asks for the fused step, and still holds the scenario's change
    expect(page.url()).not.toContain('fuse=');
    expect(await page.locator('#p-populations-E-tauRef').inputValue()).toBe('0.003');
  });
});
