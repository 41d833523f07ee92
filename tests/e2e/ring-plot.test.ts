// End to end: working-memory-ring's ring plot draws the rate profile around a
// circle, and a click on it moves the cue to the clicked angle (0° at the top,
// clockwise), like a click on a profile plot.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState } from '../../src/scenario/url';
import { closeBrowsers, hashState, openApp, waitForPlots } from '../helpers/browser';

afterAll(closeBrowsers);

/** The radial scale of an engram-plot's ring chart, in CSS pixels of its canvas. */
interface RingScale { xCenter: number; yCenter: number; drawingArea: number }

describe('ring plot', () => {
  it('plots the profile around the ring; a click at 90° places the cue there', async () => {
    const { page, errors } = await openApp(`?backend=cpu#s=${encodeUrlState({ base: 'working-memory-ring' })}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await waitForPlots(page);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
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
});
