// End to end: working-memory-ring's bump plot traces the bump's amplitude beside its
// angle; the ring plot draws the rate profile around a circle, and a click on it moves the cue to the clicked angle (0° at the top,
// clockwise), like a click on a profile plot. The profile's σ and J+ change live
// while it runs: the held memory is not rebuilt away.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState } from '../../src/scenario/url';
import { closeBrowsers, hashState, openApp, waitForPlots, waitForTime } from '../helpers/browser';

afterAll(closeBrowsers);

/** The radial scale of an engram-plot's ring chart, in CSS pixels of its canvas. */
interface RingScale { xCenter: number; yCenter: number; drawingArea: number }

describe('ring plot', () => {
  it('plots the profile around the ring; a click at 90° places the cue there', async () => {
    const { page, errors } = await openApp(`?backend=cpu#s=${encodeUrlState({ base: 'working-memory-ring' })}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForPlots(page);
    // past the cue (1–1.25 s), whatever this machine's speed: before it the amplitude is the background's
    await waitForTime(page, 1.3);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    // the bump plot's last trace: the bump's amplitude over time, on its own axis
    const amplitude = await page.locator('engram-plot').nth(1).evaluate((el) => {
      const ds = (el as unknown as { chart: { data: { datasets: { label: string; yAxisID?: string; data: { y: number }[] }[] } } }).chart.data.datasets.at(-1)!;
      return { label: ds.label, axis: ds.yAxisID, max: Math.max(...ds.data.map((p) => p.y)) };
    });
    expect(amplitude.label).toBe('amplitude');
    expect(amplitude.axis).toBe('y1');
    expect(amplitude.max).toBeGreaterThan(0.1);
    const ring = page.locator('engram-plot').nth(2);
    const r = await ring.evaluate((el) => {
      const { xCenter, yCenter, drawingArea } = (el as unknown as { ring: { scales: { r: RingScale } } }).ring.scales.r;
      return { xCenter, yCenter, drawingArea };
    });
    await ring.locator('canvas').click({ position: { x: r.xCenter + r.drawingArea / 2, y: r.yCenter } });
    await page.waitForTimeout(400); // the URL follows after a short debounce
    expect(decodeUrlState(hashState(page)).patch?.['stimuli.cue.profile.center']).toBe(90);
    expect(errors).toEqual([]);
  }, 180_000);

  it('σ and J+ of the E → E profile change live during a run: the simulation goes on without a rebuild', async () => {
    const { page, errors } = await openApp(`?backend=cpu#s=${encodeUrlState({ base: 'working-memory-ring-half' })}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForTime(page, 0.2);
    await page.getByText('Projection EE', { exact: false }).first().click();
    const time = () => page.evaluate(() => Number(document.querySelector('engram-app')?.getAttribute('data-time')));
    for (const [path, value] of [['sigma', '22'], ['jPlus', '2.4']]) {
      const before = await time();
      const input = page.locator(`#p-projections-EE-connectivity-profile-${path}`);
      await input.fill(value);
      await input.press('Enter');
      await page.waitForTimeout(300);
      // a rebuild would start again from t = 0 through the loading state
      expect(await page.locator('engram-app').getAttribute('data-state'), path).toBe('running');
      expect(await time(), path).toBeGreaterThanOrEqual(before);
    }
    await page.waitForTimeout(400); // the URL follows after a short debounce
    expect(decodeUrlState(hashState(page)).patch).toEqual({ 'projections.EE.connectivity.profile.sigma': 22, 'projections.EE.connectivity.profile.jPlus': 2.4 });
    expect(errors).toEqual([]);
  }, 180_000);
});
