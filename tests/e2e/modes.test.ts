// End to end: embed mode, presenter mode, keyboard shortcuts, accessibility.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { appAttr, closeBrowsers, openApp, waitForTime } from '../helpers/browser';

afterAll(closeBrowsers);

describe('modes, keys and accessibility', () => {
  it('embed mode shows the plots and a minimal control bar only', async () => {
    const { page, errors } = await openApp('?embed=1&backend=cpu');
    expect(await page.locator('engram-plot').count()).toBe(4);
    for (const chrome of ['header', 'engram-library', 'engram-params', 'engram-share', '#speed', '#seed']) {
      expect(await page.locator(chrome).count(), chrome).toBe(0);
    }
    expect(await page.getByRole('button', { name: 'Run', exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Open in Engram ↗' }).getAttribute('href')).toMatch(/#s=1\./);
    expect(errors).toEqual([]);
  });

  it('keyboard shortcuts: space, →, r, p, ?', async () => {
    const { page } = await openApp('?backend=cpu');
    await page.locator('h1').click();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => Number(document.querySelector('engram-app')?.getAttribute('data-time')) > 0.0099);
    await page.keyboard.press(' ');
    expect(await appAttr(page, 'data-state')).toBe('running');
    await waitForTime(page, 0.1);
    await page.keyboard.press(' ');
    expect(await appAttr(page, 'data-state')).toBe('paused');
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.querySelector('engram-app')?.getAttribute('data-time') === '0');
    await page.keyboard.press('p');
    expect(await page.locator('engram-app').getAttribute('presenter')).toBe('');
    await page.keyboard.press('p');
    expect(await page.locator('engram-app').getAttribute('presenter')).toBeNull();
    await page.keyboard.press('?');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
  });

  it('every control is reachable by keyboard and labelled; axe finds no serious violations', async () => {
    const { page } = await openApp('?backend=cpu');
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    // Tab reaches the run button, and Enter on it starts the run.
    let found = false;
    for (let k = 0; k < 40 && !found; k++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.id === 'run';
      });
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    expect(await appAttr(page, 'data-state')).toBe('running');
  });
});
