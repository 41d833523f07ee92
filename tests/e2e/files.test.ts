// End to end: exports (probe data as CSV and JSON, a plot as PNG, the scenario
// as JSON) produce files that parse back; importing a scenario file validates
// it like a link.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedDocument } from '../../src/scenario/registry';
import { parseScenario } from '../../src/scenario/validate';
import { closeBrowsers, openApp, waitForTime } from '../helpers/browser';

let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'engram-files-'));

beforeAll(async () => {
  ({ page } = await openApp('?backend=cpu'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForTime(page, 0.3);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.waitForTimeout(500); // steps already queued finish
});
afterAll(closeBrowsers);

async function downloads(count: number, click: () => Promise<void>): Promise<Download[]> {
  const got: Download[] = [];
  const done = new Promise<void>((resolve) => page.on('download', (d) => { got.push(d); if (got.length === count) resolve(); }));
  await click();
  await done;
  page.removeAllListeners('download');
  return got;
}

const saved = async (d: Download) => {
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return readFileSync(path);
};

describe('exports and imports', () => {
  it('exports every probe as CSV', async () => {
    const files = await downloads(5, () => page.getByRole('button', { name: 'Export data (CSV)' }).click());
    const byName = new Map(await Promise.all(files.map(async (d) => [d.suggestedFilename(), (await saved(d)).toString('utf8')] as const)));
    const now = Number(await page.locator('engram-app').getAttribute('data-time'));
    const raster = byName.get('ei-network-rasterE.csv')!.trim().split('\n');
    expect(raster[0]).toBe('t_s,neuron');
    expect(raster.length).toBeGreaterThan(20);
    for (const row of raster.slice(1)) {
      const [t, i] = row.split(',').map(Number);
      expect(t! > 0 && t! <= now + 1e-9 && Number.isInteger(i) && i! < 200, row).toBe(true);
    }
    const rate = byName.get('ei-network-rateE.csv')!.trim().split('\n');
    expect(rate[0]).toBe('t_s,group0_Hz');
    expect(rate.length).toBeGreaterThan(50);
    expect(byName.get('ei-network-vE.csv')!.split('\n')[0]).toBe('t_s,v[0],v[400]');
  });

  it('exports probe data as JSON in the CLI format', async () => {
    const [file] = await downloads(1, () => page.getByRole('button', { name: 'Export data (JSON)' }).click());
    const doc = JSON.parse((await saved(file!)).toString('utf8'));
    // the worker's CPU backend runs its LIF step in WebAssembly (src/engine/cpu/wasm-kernels.ts)
    expect(doc).toMatchObject({ scenario: 'ei-network', seed: 1, dt: 0.0001, backend: 'cpu', adapter: expect.stringContaining('WebAssembly SIMD') });
    expect(doc.probes.rasterE.kind).toBe('spikes');
    expect(doc.probes.rasterE.t.length).toBe(doc.probes.rasterE.i.length);
    expect(doc.probes.rateI.values.length).toBeGreaterThan(50);
  });

  it('exports the scenario, which validates and equals what is shown', async () => {
    const input = page.locator('#p-populations-E-tauRef');
    await input.fill('0.003');
    await input.press('Enter');
    const [file] = await downloads(1, () => page.getByRole('button', { name: 'Export scenario' }).click());
    const scenario = parseScenario(JSON.parse((await saved(file!)).toString('utf8')));
    expect(scenario.populations[0]!.kind === 'lif' && scenario.populations[0]!.tauRef).toBe(0.003);
  });

  it('saves a plot as PNG', async () => {
    const [file] = await downloads(1, () => page.getByRole('button', { name: 'save Excitatory population rate as PNG' }).click());
    const png = await saved(file!);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(5000);
  });

  it('imports a scenario file, and refuses an invalid one naming the field', async () => {
    const doc = shippedDocument('ei-network') as Record<string, unknown>;
    doc.title = 'Imported network';
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(doc));
    await page.locator('#import').setInputFiles(good);
    await page.waitForFunction(() => document.querySelector('engram-app')!.shadowRoot!.querySelector('h1')!.textContent === 'Imported network');
    (doc as { dt: number }).dt = 5;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(doc));
    await page.locator('#import').setInputFiles(bad);
    await page.waitForFunction(() => document.querySelector('engram-app')!.shadowRoot!.querySelector('.notice')?.textContent?.includes('bad.json was not imported'));
    expect(await page.locator('.notice').textContent()).toMatch(/dt: must be ≤ 0\.01 s/);
    expect(await page.locator('h1').textContent()).toBe('Imported network');
  });
});
