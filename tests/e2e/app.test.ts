// End to end: the built app in headless Chromium with WebGPU (SwiftShader on CI)
// runs the default scenario and plots live data; with the engine on the page
// (?worker=0) the run loop never overlaps step requests; without WebGPU it says
// so and runs on the CPU.
import { afterAll, describe, expect, it } from 'vitest';
import { PALETTE } from '../../src/ui/chart-setup';
import { appAttr, canvasPixels, closeBrowsers, exportedSpikes, openApp, plotPoints, stepTenMs, waitForPlots } from '../helpers/browser';

afterAll(closeBrowsers);

describe('the app in a browser', () => {
  it('runs the default scenario on WebGPU and plots live data', async () => {
    const { page, errors } = await openApp();
    // headless Chromium with --enable-unsafe-webgpu has an adapter (SwiftShader where there is no GPU)
    const adapter = await page.evaluate(async () => {
      const a = await navigator.gpu?.requestAdapter();
      return a ? { vendor: a.info.vendor, architecture: a.info.architecture } : null;
    });
    expect(adapter).not.toBeNull();
    expect(await appAttr(page, 'data-state')).toBe('paused');
    expect(await appAttr(page, 'data-backend')).toBe('gpu');
    expect(await page.locator('engram-plot').count()).toBe(4);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect(await appAttr(page, 'data-state')).toBe('running');
    await waitForPlots(page);
    const first = await plotPoints(page);
    await page.waitForTimeout(1500);
    expect((await plotPoints(page))[0]).toBeGreaterThan(first[0]!); // still streaming
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await appAttr(page, 'data-state')).toBe('paused');
    // the raster's spikes reach its canvas (drawn as an image by chart-setup.ts: rasterChart)
    expect(await canvasPixels(page, 0, PALETTE[0]!), 'spike pixels in the raster').toBeGreaterThan(20);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('with the engine on the page (?worker=0), the run loop gives the same spikes as single steps', async () => {
    const { page, errors } = await openApp('?worker=0');
    await page.selectOption('#speed', { label: 'as fast as possible' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    // SwiftShader runs this at about 0.03 simulated s per s (less on a loaded machine): keep the span short
    await expect.poll(async () => ((await appAttr(page, 'data-state')) === 'error' ? Infinity : Number(await appAttr(page, 'data-time'))),
      { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(0.06);
    expect((await page.locator('.error').allTextContents()).join(' '), errors.join('\n')).toBe('');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const looped = await exportedSpikes(page, 'rasterE', 0.05);
    await page.locator('#reset').click();
    await page.waitForFunction(() => document.querySelector('engram-app')?.getAttribute('data-time') === '0');
    await stepTenMs(page, 6);
    const stepped = await exportedSpikes(page, 'rasterE', 0.05);
    expect(looped.length / 2).toBeGreaterThan(15); // [t, i] pairs
    expect(looped).toEqual(stepped);
    expect(errors).toEqual([]);
  });

  it('falls back to the CPU with a notice where WebGPU is missing', async () => {
    const { page, errors } = await openApp('', { webgpu: false });
    expect(await appAttr(page, 'data-backend')).toBe('cpu');
    expect(await page.locator('.notice').textContent()).toContain('WebGPU is not available');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForPlots(page, 60_000);
    expect(errors).toEqual([]);
  });
});
