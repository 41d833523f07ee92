// Headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser) driving the built app
// that tests/e2e/global-setup.ts serves.
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium as launch } from '../../src/cli/ui-throughput';

const browsers: Browser[] = [];

/** Headless Chromium (src/cli/ui-throughput.ts), closed by closeBrowsers. */
export async function launchChromium(webgpu: boolean): Promise<Browser> {
  const browser = await launch(webgpu);
  browsers.push(browser);
  return browser;
}

export async function closeBrowsers(): Promise<void> {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
}

export interface AppPage {
  page: Page;
  /** page errors and console errors seen so far */
  errors: string[];
}

/** Opens the app at `suffix` (query and/or hash) and waits until its engine is built (or failed). */
export async function openApp(suffix = '', options: { webgpu?: boolean; browser?: Browser } = {}): Promise<AppPage> {
  const browser = options.browser ?? (await launchChromium(options.webgpu ?? true));
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(inject('appUrl') + suffix);
  await waitReady(page);
  return { page, errors };
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => ['paused', 'running', 'error'].includes(document.querySelector('engram-app')?.getAttribute('data-state') ?? ''), undefined, { timeout: 60_000 });
}

export const appAttr = (page: Page, name: string) => page.locator('engram-app').getAttribute(name);

/** data-points of every plot, in order. */
export const plotPoints = (page: Page) => page.locator('engram-plot').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-points') ?? 0)));

export async function waitForPlots(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForFunction(() => {
    const plots = [...document.querySelector('engram-app')!.shadowRoot!.querySelectorAll('engram-plot')];
    return plots.length > 0 && plots.every((p) => Number(p.getAttribute('data-points')) > 0);
  }, undefined, { timeout });
}

export async function waitForTime(page: Page, seconds: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction((t) => Number(document.querySelector('engram-app')?.getAttribute('data-time')) >= t, seconds, { timeout });
}

/** The `s` hash parameter of the page's current URL. */
export const hashState = (page: Page) => new URL(page.url()).hash.replace(/^#s=/, '');

/** A spikes probe's spikes up to `until` (s) as flat [t, i, t, i, …], from the app's JSON export. */
export async function exportedSpikes(page: Page, probe: string, until: number): Promise<number[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data (JSON)' }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { probes: Record<string, { t: number[]; i: number[] }> };
  const { t, i } = doc.probes[probe]!;
  return t.flatMap((time, k) => (time <= until ? [time, i[k]!] : []));
}

/** Clicks "Step 10 ms" `times` times from where the app is, each after the last has landed. */
export async function stepTenMs(page: Page, times: number): Promise<void> {
  const start = Number(await appAttr(page, 'data-time'));
  for (let k = 1; k <= times; k++) {
    await page.getByRole('button', { name: 'Step 10 ms' }).click();
    await page.waitForFunction((t) => Number(document.querySelector('engram-app')?.getAttribute('data-time')) >= t, start + k * 0.01 - 1e-6);
  }
}

/** Pixels of colour `hex` (#rrggbb) on the canvas of the app's plot number `plot`. */
export function canvasPixels(page: Page, plot: number, hex: string): Promise<number> {
  return page.evaluate(([k, color]) => {
    const el = document.querySelector('engram-app')!.shadowRoot!.querySelectorAll('engram-plot')[k]!;
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
    return n;
  }, [plot, hex] as const);
}
