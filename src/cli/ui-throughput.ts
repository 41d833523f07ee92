/**
 * Headless Chromium for the app (Debian's /usr/bin/chromium, never a downloaded
 * browser) and what the live UI costs in it: the simulated seconds per wall
 * second of a running app page and the animation frames per second the page
 * keeps. Used by `npm run bench:ui` (bench-ui.ts) and the end-to-end tests.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const BASE_ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** WebGPU needs --enable-unsafe-webgpu in headless Chromium; it then runs on SwiftShader where there is no GPU. */
export function launchChromium(webgpu: boolean): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, ...(webgpu ? ['--enable-unsafe-webgpu'] : [])] });
}

export interface UiThroughput {
  /** simulated seconds per wall second (× real time) */
  rtf: number;
  /** the page's animation frames per second */
  fps: number;
}

/**
 * Opens the app at `url`, runs it at "as fast as possible", and measures over
 * `seconds` after `warmupMs` of running; pauses it again.
 */
export async function measureUiThroughput(page: Page, url: string, seconds: number, warmupMs = 2000): Promise<UiThroughput> {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('engram-app')?.getAttribute('data-state') === 'paused', undefined, { timeout: 60_000 });
  await page.selectOption('#speed', { label: 'as fast as possible' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForTimeout(warmupMs);
  const read = () => page.evaluate(() => ({ t: Number(document.querySelector('engram-app')!.getAttribute('data-time')), wall: performance.now() }));
  const a = await read();
  // A string, not a function: tsx would wrap a function's inner closures in its __name helper, unknown in the page.
  const fps = (await page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const tick = () => (performance.now() - start < ${seconds * 1000} ? (frames++, requestAnimationFrame(tick)) : resolve((frames * 1000) / (performance.now() - start)));
    requestAnimationFrame(tick);
  })`)) as number;
  const b = await read();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  return { rtf: (b.t - a.t) / ((b.wall - a.wall) / 1000), fps };
}
