// End to end: the arena view of grid-attractor, whose sheet has rate units and no spikes: the
// rateMap probe alone fills the gallery with its sixteen cells' maps, the learning curves and the
// selected cell's heat map come from its readouts (values in the sheet's units, not Hz), and
// choosing a cell redraws it (CPU backend: the view is the same on either; readouts every 0.2 s
// simulated instead of 1 s).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedDocument } from '../../src/scenario/registry';
import { encodeUrlState } from '../../src/scenario/url';
import { closeBrowsers, openApp } from '../helpers/browser';

let page: Page;
let errors: string[];
const arena = () => page.locator('engram-arena');
const attr = async (name: string) => (await arena().getAttribute(name)) ?? '';
const cells = (shippedDocument('grid-attractor') as { probes: { id: string; cells?: number[] }[] }).probes.find((p) => p.id === 'maps')!.cells!;

beforeAll(async () => {
  ({ page, errors } = await openApp(`?backend=cpu#s=${encodeUrlState({ base: 'grid-attractor', patch: { 'probes.maps.everySteps': 400 } })}`));
  await page.selectOption('#speed', { label: 'as fast as possible' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
});
afterAll(closeBrowsers);

describe('the arena view of a rate population (grid-attractor)', () => {
  it('fills the gallery with the rateMap probe\'s cells and shows their measures', async () => {
    expect(cells).toHaveLength(16);
    const buttons = arena().locator('.gallery button');
    expect(await buttons.count()).toBe(16);
    expect(await buttons.first().textContent()).toContain(String(cells[0]));
    await expect.poll(() => attr('data-map-readouts').then(Number), { timeout: 120_000 }).toBeGreaterThan(0);
    await expect.poll(() => attr('data-gallery').then(Number), { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
    await expect.poll(() => attr('data-overlay'), { timeout: 30_000 }).toMatch(new RegExp(`^${cells[0]}:\\d`));
    expect(await attr('data-overlay-source')).toBe('probe');
    await expect.poll(async () => (await arena().locator('dd').allTextContents()).join(' '), { timeout: 30_000 }).toMatch(/\d bits\/unit .*\d peak, \d+\.\d+ bits\/unit/);
    expect((await arena().locator('dd').allTextContents()).join(' ')).not.toMatch(/Hz/);
    // grid cells: a gridness curve (the probe's cells, once their maps have six neighbouring peaks) instead of the fields'
    const terms = await arena().locator('dt').allTextContents();
    expect(terms).toContain('Gridness');
    expect(terms).not.toContain('Cells with a field');
  });

  it('choosing a cell in the gallery redraws the heat map for it', async () => {
    const id = cells[5]!;
    await arena().getByRole('button', { name: new RegExp(`^cell ${id}\\b`) }).click();
    expect(await attr('data-cell')).toBe(String(id));
    await expect.poll(() => attr('data-overlay')).toMatch(new RegExp(`^${id}:`));
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
