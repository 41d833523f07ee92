// End to end: the built app in headless Chromium with WebGPU (SwiftShader on CI)
// runs the default scenario and plots live data; without WebGPU it says so and
// runs on the CPU.
import { afterAll, describe, expect, it } from 'vitest';
import { appAttr, closeBrowsers, openApp, plotPoints, waitForPlots } from '../helpers/browser';

afterAll(closeBrowsers);

describe('the app in a browser', () => {
  it('runs the default scenario on WebGPU and plots live data', async () => {
    const { page, errors } = await openApp();
    expect(await appAttr(page, 'data-state')).toBe('paused');
    expect(await appAttr(page, 'data-backend')).toBe('gpu');
    expect(await page.locator('engram-plot').count()).toBe(4);
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await appAttr(page, 'data-state')).toBe('running');
    await waitForPlots(page);
    const first = await plotPoints(page);
    await page.waitForTimeout(1500);
    expect((await plotPoints(page))[0]).toBeGreaterThan(first[0]!); // still streaming
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await appAttr(page, 'data-state')).toBe('paused');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('falls back to the CPU with a notice where WebGPU is missing', async () => {
    const { page, errors } = await openApp('', { webgpu: false });
    expect(await appAttr(page, 'data-backend')).toBe('cpu');
    expect(await page.locator('.notice').textContent()).toContain('WebGPU is not available');
    await page.getByRole('button', { name: 'Run' }).click();
    await waitForPlots(page, 60_000);
    expect(errors).toEqual([]);
  });
});
