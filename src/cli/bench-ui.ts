/**
 * What the live UI costs: the app's simulation throughput at full speed with
 * its plots against the same app, scenario and backend without plots
 * (?plots=0), in headless Chromium; also the frame rate the page keeps.
 *   npm run bench:ui -- [<scenario id>] [--backend cpu|gpu] [--seconds S]
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { encodeUrlState } from '../scenario/url';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const k = argv.indexOf(name);
  return k >= 0 && argv[k + 1] ? argv[k + 1]! : fallback;
};
const scenario = argv.find((a, k) => !a.startsWith('--') && !argv[k - 1]?.startsWith('--')) ?? 'ei-network';
const backend = flag('--backend', 'cpu');
const seconds = Number(flag('--seconds', '6'));

async function measure(page: Page, url: string): Promise<{ rtf: number; fps: number }> {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('engram-app')?.getAttribute('data-state') === 'paused', undefined, { timeout: 60_000 });
  await page.selectOption('#speed', { label: 'as fast as possible' });
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForTimeout(2000); // warm-up
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
  await page.getByRole('button', { name: 'Pause' }).click();
  return { rtf: (b.t - a.t) / ((b.wall - a.wall) / 1000), fps };
}

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
const base = server.resolvedUrls!.local[0]!;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const hash = `#s=${encodeUrlState({ base: scenario })}`;
const without = await measure(page, `${base}?backend=${backend}&plots=0${hash}`);
const withPlots = await measure(page, `${base}?backend=${backend}${hash}`);
await browser.close();
await server.close();
const cost = 1 - withPlots.rtf / without.rtf;
console.log(`scenario ${scenario}, backend ${backend}, headless Chromium, ${seconds} s per measurement`);
console.log(`without plots: ${without.rtf.toFixed(3)}× real time, ${without.fps.toFixed(0)} frames/s`);
console.log(`with plots:    ${withPlots.rtf.toFixed(3)}× real time, ${withPlots.fps.toFixed(0)} frames/s`);
console.log(`UI cost: ${(100 * cost).toFixed(1)}% of simulation throughput`);
process.exit(0);
