// End to end: place-map-plateau (CPU backend). A click on the arena in place mode (or with
// Shift) moves the place-gated plateau there and onto the selected cell; the arena draws it;
// the scenario state and the share URL carry it, and a reload restores it; a plain click
// still drives the agent; the scenario's switches (Learning) are one click each. (That a pass through the disc writes a field there is
// tests/science/place-map.test.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState } from '../../src/scenario/url';
import { closeBrowsers, hashState, openApp, waitReady } from '../helpers/browser';

let page: Page;
let errors: string[];
const arena = () => page.locator('engram-arena');
const canvas = () => arena().getByRole('application');
const gate = async () => ((await arena().getAttribute('data-gate')) ?? '').split(',').map(Number);

beforeAll(async () => {
  ({ page, errors } = await openApp(`?backend=cpu#s=${encodeUrlState({ base: 'place-map-plateau' })}`));
});
afterAll(closeBrowsers);

describe('click-to-place plateau', () => {
  it('draws the shipped plateau location (0.63, 0.64) m on cell 0', async () => {
    expect(await gate()).toEqual([0.63, 0.64, 0]);
    expect(await arena().getByRole('button', { name: 'Place plateau' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('in place mode a click moves the plateau there, onto the selected cell; the URL carries it and a reload restores it', async () => {
    const cell = arena().getByRole('spinbutton', { name: 'Cell', exact: true });
    await cell.fill('3');
    await cell.dispatchEvent('change');
    await arena().getByRole('button', { name: 'Place plateau' }).click();
    const box = (await canvas().boundingBox())!;
    // two clicks, left then right of the arena's middle, at the same height: x grows, y stays
    await canvas().click({ position: { x: box.width * 0.3, y: box.height * 0.5 } });
    await expect.poll(gate).not.toEqual([0.63, 0.64, 0]);
    const [x1, y1, c1] = await gate();
    await canvas().click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    await expect.poll(async () => (await gate())[0]).not.toBe(x1);
    const [x2, y2, c2] = await gate();
    expect(c1).toBe(3);
    expect(c2).toBe(3);
    expect(x1).toBeGreaterThan(0);
    expect(x2).toBeGreaterThan(x1! + 0.1);
    expect(x2).toBeLessThan(1);
    expect(y2).toBeCloseTo(y1!, 2);
    await page.waitForTimeout(400); // the URL follows after a short debounce
    expect(decodeUrlState(hashState(page))).toEqual({ base: 'place-map-plateau', patch: {
      'stimuli.plateau.place.x': x2, 'stimuli.plateau.place.y': y2, 'stimuli.plateau.profile.from': 3, 'stimuli.plateau.profile.to': 4,
    } });
    await page.reload();
    await waitReady(page);
    expect(await gate()).toEqual([x2, y2, 3]);
  });

  it('out of place mode a plain click drives the agent and leaves the plateau; Shift+click places it', async () => {
    const before = await gate();
    const box = (await canvas().boundingBox())!;
    await canvas().click({ position: { x: box.width * 0.35, y: box.height * 0.3 } });
    await page.waitForTimeout(400);
    expect(await gate()).toEqual(before);
    await canvas().click({ position: { x: box.width * 0.35, y: box.height * 0.3 }, modifiers: ['Shift'] });
    await expect.poll(gate).not.toEqual(before);
    expect((await gate())[1]).toBeGreaterThan(before[1]!);
  });

  it('a lecture switch is one click: Learning off sets the plasticity gain to 0 (in the URL), on again restores it', async () => {
    const learning = page.getByRole('group', { name: 'Switches' }).getByRole('button', { name: 'Learning' });
    expect(await learning.getAttribute('aria-pressed')).toBe('true');
    await learning.click();
    await expect.poll(() => learning.getAttribute('aria-pressed')).toBe('false');
    await page.waitForTimeout(400);
    expect(decodeUrlState(hashState(page))).toMatchObject({ patch: { 'projections.GP.plasticity.gain': 0 } });
    await learning.click();
    await expect.poll(() => learning.getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(400);
    const state = decodeUrlState(hashState(page));
    expect('patch' in state && state.patch && 'projections.GP.plasticity.gain' in state.patch).toBe(false);
  });

  it('no console errors', () => {
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
