// End to end: the built app in headless Chromium with WebGPU (SwiftShader on CI)
// runs the default scenario and its plots receive data; without WebGPU it
// says so and runs on the CPU.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveApp } from '../helpers/browser';

let server: PreviewServer;
let url: string;
const browsers: Browser[] = [];

beforeAll(async () => {
  ({ server, url } = await serveApp());
});

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.close();
});

async function openApp(webgpu: boolean, query = ''): Promise<{ page: Page; errors: string[] }> {
  const browser = await launchChromium(webgpu);
  browsers.push(browser);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url + query);
  await page.waitForFunction(() => ['paused', 'error'].includes(document.querySelector('engram-app')?.getAttribute('data-state') ?? ''), undefined, { timeout: 60_000 });
  return { page, errors };
}

const points = (page: Page) => page.locator('engram-plot').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-points') ?? 0)));

describe('the app in a browser', () => {
  it('runs the default scenario on WebGPU and plots live data', async () => {
    const { page, errors } = await openApp(true);
    const app = page.locator('engram-app');
    expect(await app.getAttribute('data-state')).toBe('paused');
    expect(await app.getAttribute('data-backend')).toBe('gpu');
    await expect.poll(() => page.locator('engram-plot').count()).toBe(4);
    await page.getByRole('button', { name: 'Run' }).click();
    expect(await app.getAttribute('data-state')).toBe('running');
    await page.waitForFunction(
      () => [...document.querySelector('engram-app')!.shadowRoot!.querySelectorAll('engram-plot')].every((p) => Number(p.getAttribute('data-points')) > 0),
      undefined, { timeout: 90_000 },
    );
    const counts = await points(page);
    expect(counts.every((c) => c > 0)).toBe(true);
    await page.waitForTimeout(1500);
    expect((await points(page))[0]).toBeGreaterThan(counts[0]!); // still streaming
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await app.getAttribute('data-state')).toBe('paused');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('shows the pulse response after two simulated seconds (README screenshot, CPU backend for speed on SwiftShader)', async () => {
    const { page, errors } = await openApp(true, '?backend=cpu');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.selectOption('#speed', { label: 'as fast as possible' });
    await page.waitForFunction(() => Number(/t = ([\d.]+) s/.exec(document.querySelector('engram-app')!.shadowRoot!.querySelector('.status')!.textContent!)?.[1]) >= 1.8, undefined, { timeout: 90_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(300);
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
    expect(errors).toEqual([]);
  });

  it('falls back to the CPU with a notice where WebGPU is missing', async () => {
    const { page, errors } = await openApp(false);
    const app = page.locator('engram-app');
    expect(await app.getAttribute('data-backend')).toBe('cpu');
    expect(await page.locator('.notice').textContent()).toContain('WebGPU is not available');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForFunction(
      () => [...document.querySelector('engram-app')!.shadowRoot!.querySelectorAll('engram-plot')].every((p) => Number(p.getAttribute('data-points')) > 0),
      undefined, { timeout: 60_000 },
    );
    expect(errors).toEqual([]);
  });

  it('opens a malformed link on the default scenario with a message naming the problem', async () => {
    const { page, errors } = await openApp(true, '#s=1.@@@');
    expect(await page.locator('.notice').textContent()).toContain('link: the link is damaged (not base64url)');
    expect(await page.locator('h1').textContent()).toBe('E/I balanced spiking network');
    expect(errors).toEqual([]);
  });
});
