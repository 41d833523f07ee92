// End to end: the whole state lives in the URL; reloading or opening a link
// restores it exactly; malformed or hostile links show a message naming the
// problem and open the default scenario, and nothing in them is executed.
import { deflateSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState } from '../../src/scenario/url';
import { shippedDocument } from '../../src/scenario/registry';
import { appAttr, closeBrowsers, hashState, openApp, plotPoints, stepTenMs, waitReady } from '../helpers/browser';

afterAll(closeBrowsers);

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const field = (path: string) => `#p-${path.replace(/\W/g, '-')}`;

describe('shareable state', () => {
  it('a parameter change goes into the URL and a reload restores parameters and seed', async () => {
    const { page, errors } = await openApp('?backend=cpu');
    await page.getByText('Poisson input bgE').click();
    const input = page.locator(field('inputs.bgE.rate'));
    await input.fill('1900');
    await input.press('Enter');
    const seed = page.locator('#seed');
    await seed.fill('42');
    await seed.press('Enter');
    await page.waitForFunction(() => location.hash.startsWith('#s=1.'));
    await page.waitForTimeout(400); // the URL follows after a short debounce
    const state = decodeUrlState(hashState(page));
    expect(state).toEqual({ base: 'ei-network', patch: { 'inputs.bgE.rate': 1900, seed: 42 } });
    await page.reload();
    await waitReady(page);
    await page.getByText('Poisson input bgE').click();
    expect(await page.locator(field('inputs.bgE.rate')).inputValue()).toBe('1900');
    expect(await page.locator('#seed').inputValue()).toBe('42');
    expect(await page.locator('engram-param-field').filter({ hasText: '●' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('a run restored from a link reproduces the same spikes for the same seed', async () => {
    const link = `?backend=cpu#s=${encodeUrlState({ base: 'ei-network', patch: { seed: 5, 'inputs.bgI.rate': 1700 } })}`;
    const counts: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const { page } = await openApp(link);
      await stepTenMs(page, 10);
      await page.waitForTimeout(300);
      counts.push(await plotPoints(page));
    }
    expect(counts[0]![0]).toBeGreaterThan(50);
    expect(counts[1]).toEqual(counts[0]);
  });

  const hostile = shippedDocument('ei-network') as Record<string, unknown>;
  hostile.title = '<img src=x onerror="window.__pwned=1">';
  hostile.description = '<script>window.__pwned=2</script>';
  const cases: [string, string, RegExp][] = [
    ['bad base64', '1.@@@', /link: the link is damaged \(not base64url\)/],
    ['bad compression', `1.${b64(strToU8('this is not deflate data'))}`, /compressed data is invalid/],
    ['invalid JSON', `1.${b64(deflateSync(strToU8('{"base": "ei-network",')))}`, /does not hold valid JSON/],
    ['unknown format', `9.${b64(deflateSync(strToU8('{}')))}`, /link format 9 is not supported/],
    ['out-of-range value', encodeUrlState({ base: 'ei-network', patch: { 'populations.E.tauRef': 5 } }), /populations\.E\.tauRef: must be ≤ 0\.1 s/],
    ['huge population', encodeUrlState({ base: 'ei-network', patch: { 'populations.E.n': 1e12 } }), /populations\.E\.n: must be ≤ 16777216/],
    ['unknown field', encodeUrlState({ base: 'ei-network', patch: { 'populations.E.evil': 1 } }), /populations\.E\.evil: unknown field/],
    ['unknown base', encodeUrlState({ base: 'nope' }), /no shipped scenario "nope"/],
  ];
  for (const [name, encoded, message] of cases) {
    it(`refuses a link with ${name}, names the problem and opens the default scenario`, async () => {
      const { page, errors } = await openApp(`?backend=cpu#s=${encoded}`);
      expect(await page.locator('.notice').textContent()).toMatch(message);
      expect(await page.locator('h1').textContent()).toBe('E/I balanced spiking network');
      expect(await appAttr(page, 'data-state')).toBe('paused');
      expect(errors).toEqual([]);
    });
  }

  it('shows text from a link as text and never runs it', async () => {
    const { page, errors } = await openApp(`?backend=cpu#s=${encodeUrlState({ scenario: hostile })}`);
    expect(await page.locator('h1').textContent()).toBe('<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('header img, header script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
