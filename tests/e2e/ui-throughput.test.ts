// The measurement behind `npm run bench:ui` (src/cli/ui-throughput.ts) on the built app: it
// finds the app's controls, and the app runs and keeps drawing frames, with and without plots.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { encodeUrlState } from '../../src/scenario/url';
import { measureUiThroughput } from '../../src/cli/ui-throughput';
import { closeBrowsers, launchChromium } from '../helpers/browser';

afterAll(closeBrowsers);

describe('bench:ui measurement', () => {
  it('measures simulated time and frame rate of the running app with and without plots', async () => {
    const browser = await launchChromium(false);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const hash = `#s=${encodeUrlState({ base: 'working-memory-ring-half' })}`;
    for (const query of ['?backend=cpu&plots=0', '?backend=cpu']) {
      const m = await measureUiThroughput(page, inject('appUrl') + query + hash, 1, 500);
      expect(m.rtf, query).toBeGreaterThan(0);
      expect(m.fps, query).toBeGreaterThan(1);
      expect(await page.locator('engram-app').getAttribute('data-state')).toBe('paused');
    }
  });
});
