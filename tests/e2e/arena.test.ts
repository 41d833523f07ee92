// End to end: the arena view of grid-cells (CPU backend, as fast as possible): the agent moves,
// the gallery of rate maps and the learning curves fill (for grid cells, a mean gridness above 0.3),
// choosing a cell (gallery or number field) redraws the heat map,
// the arrow keys steer the agent into a wall, presenter mode and PNG export work, axe finds no
// serious violations, and the console stays clean.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUrlState } from '../../src/scenario/url';
import { closeBrowsers, openApp } from '../helpers/browser';

let page: Page;
let errors: string[];
const arena = () => page.locator('engram-arena');
const attr = async (name: string) => (await arena().getAttribute(name)) ?? '';
const num = async (name: string) => Number(await attr(name));

beforeAll(async () => {
  ({ page, errors } = await openApp(`?backend=cpu#s=${encodeUrlState({ base: 'grid-cells' })}`));
  await page.selectOption('#speed', { label: 'as fast as possible' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
});
afterAll(closeBrowsers);

describe('the arena view', () => {
  it('shows the arena canvas and the agent moving in it', async () => {
    expect(await arena().count()).toBe(1);
    expect(await arena().getByRole('application').isVisible()).toBe(true);
    await expect.poll(() => num('data-points'), { timeout: 60_000 }).toBeGreaterThan(50);
    const first = { x: await num('data-x'), y: await num('data-y') };
    await expect.poll(async () => Math.hypot((await num('data-x')) - first.x, (await num('data-y')) - first.y), { timeout: 30_000 }).toBeGreaterThan(0.02);
    expect(await num('data-x')).toBeGreaterThan(0);
    expect(await num('data-x')).toBeLessThan(1);
  });

  it('fills the gallery and the learning curves as spikes arrive', async () => {
    await expect.poll(() => num('data-gallery'), { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
    expect(await arena().locator('.gallery button').count()).toBe(16);
    expect(await num('data-spikes')).toBeGreaterThan(100);
    // grid-cells has a rateMap probe of the mapped population: its GPU readouts feed the learning curves
    await expect.poll(() => num('data-map-readouts'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await arena().locator('dd').allTextContents()).join(' '), { timeout: 30_000 }).toMatch(/bits\/spike/);
    expect(await attr('data-overlay')).toMatch(/^0:\d/);
    // cell 0 is one of the probe's selected cells: its heat map is the GPU's
    await expect.poll(() => attr('data-overlay-source'), { timeout: 30_000 }).toBe('probe');
    // grid cells: the mean gridness of the probe's cells as their maps fill
    expect(await arena().locator('dt').allTextContents()).toContain('Gridness');
    await expect.poll(() => num('data-gridness'), { timeout: 120_000 }).toBeGreaterThan(0.3);
  });

  it('choosing a cell in the gallery or by number redraws the heat map for it', async () => {
    await arena().getByRole('button', { name: /^cell 5\b/ }).click();
    expect(await attr('data-cell')).toBe('5');
    await expect.poll(() => attr('data-overlay')).toMatch(/^5:/);
    expect(await arena().getByRole('button', { name: /^cell 5\b/ }).getAttribute('aria-pressed')).toBe('true');
    const input = arena().getByRole('spinbutton', { name: 'Cell', exact: true });
    await input.fill('130');
    await input.press('Enter');
    await input.dispatchEvent('change');
    await expect.poll(() => attr('data-overlay')).toMatch(/^130:/);
    expect(await attr('data-cell')).toBe('130');
    // not selected by the probe: built from the spikes on the page
    expect(await attr('data-overlay-source')).toBe('host');
  });

  it('the arrow keys steer the agent (to the left wall) without stepping the app; release gives it back its own motion', async () => {
    await arena().getByRole('application').focus();
    await page.keyboard.down('ArrowLeft');
    await expect.poll(() => num('data-x'), { timeout: 30_000 }).toBeLessThan(0.02);
    await page.keyboard.up('ArrowLeft');
    expect(await page.locator('engram-app').getAttribute('data-state')).toBe('running');
    await expect.poll(() => num('data-x'), { timeout: 30_000 }).toBeGreaterThan(0.05);
  });

  it('presenter mode enlarges it; PNG export saves the arena', async () => {
    await page.locator('h1').click();
    await page.keyboard.press('p');
    expect(await arena().getAttribute('presenter')).toBe('');
    await page.keyboard.press('p');
    expect(await arena().getAttribute('presenter')).toBeNull();
    const [download] = await Promise.all([page.waitForEvent('download'), arena().getByRole('button', { name: /as PNG$/ }).click()]);
    expect(download.suggestedFilename()).toBe('position-arena.png');
  });

  it('axe finds no serious or critical violations; no console errors', async () => {
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const results = await new AxeBuilder({ page }).include('engram-app').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
