// End to end: every shipped scenario opens from its URL and its plots receive
// data; screenshots for the README and the library's thumbnails.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadShipped, shippedIds } from '../../src/scenario/registry';
import { encodeUrlState } from '../../src/scenario/url';
import { closeBrowsers, openApp, waitForPlots, waitForTime } from '../helpers/browser';

// each test opens its own browser; closing it afterwards stops its still-running simulation from loading the next tests
afterEach(closeBrowsers);
afterAll(closeBrowsers);

/**
 * Smaller variants for the GPU run on SwiftShader (a CPU emulation): the same
 * scenario and code path, sized so its first plot samples arrive in seconds.
 */
const SWIFTSHADER_SIZES: Readonly<Record<string, Record<string, number>>> = {
  // 10^4 place cells × 10^3 grid inputs = 10^7 plastic synapses at full size
  'place-map-formation': { 'populations.P.n': 200, 'populations.I.n': 20 },
  'place-map-plateau': { 'populations.I.n': 20 },
};

describe('every shipped scenario', () => {
  for (const id of shippedIds()) {
    it(`${id} opens from its link and plots data on the GPU`, async () => {
      const patch = SWIFTSHADER_SIZES[id];
      const { page, errors } = await openApp(`#s=${encodeUrlState(patch ? { base: id, patch } : { base: id })}`);
      expect(await page.locator('engram-app').getAttribute('data-backend')).toBe('gpu');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await waitForPlots(page);
      expect(errors, errors.join('\n')).toEqual([]);
    }, 180_000);

    // a time-lapse (hours fast-forwarded in steps of seconds) is shown at its end, a pairing protocol after 20 pairings
    const scenario = loadShipped(id);
    const shotTime = !scenario.fastForward ? 2.5 : scenario.fastForward.step >= 1 ? scenario.duration : Math.min(scenario.duration, 20);
    it(`${id}: screenshot after ${shotTime} simulated seconds (CPU backend: SwiftShader is too slow for this)`, async () => {
      const { page, errors } = await openApp(`?backend=cpu#s=${encodeUrlState({ base: id })}`);
      await page.selectOption('#speed', { label: 'as fast as possible' });
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await waitForTime(page, shotTime, 240_000);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.waitForTimeout(300);
      // Written under test-results/; UPDATE_SCREENSHOTS=1 npm test refreshes the README's and the library's copies.
      mkdirSync('test-results/screenshots', { recursive: true });
      const shot = `test-results/screenshots/${id}.png`;
      const thumb = `test-results/screenshots/${id}-thumbnail.png`;
      await page.screenshot({ path: shot });
      await page.locator('engram-plot').first().screenshot({ path: thumb });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        copyFileSync(shot, `docs/screenshots/${id}.png`);
        copyFileSync(thumb, `public/thumbnails/${id}.png`);
      }
      expect(errors).toEqual([]);
    }, 300_000);
  }
});
