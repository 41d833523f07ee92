/**
 * What the live UI costs: the app's simulation throughput at full speed with
 * its plots against the same app, scenario and backend without plots
 * (?plots=0), in headless Chromium; also the frame rate the page keeps.
 *   npm run bench:ui -- [<scenario id>] [--backend cpu|gpu] [--seconds S]
 */
import { execFileSync } from 'node:child_process';
import { preview } from 'vite';
import { encodeUrlState } from '../scenario/url';
import { launchChromium, measureUiThroughput } from './ui-throughput';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const k = argv.indexOf(name);
  return k >= 0 && argv[k + 1] ? argv[k + 1]! : fallback;
};
const scenario = argv.find((a, k) => !a.startsWith('--') && !argv[k - 1]?.startsWith('--')) ?? 'ei-network';
const backend = flag('--backend', 'cpu');
const seconds = Number(flag('--seconds', '6'));

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
const base = server.resolvedUrls!.local[0]!;
const browser = await launchChromium(true);
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const hash = `#s=${encodeUrlState({ base: scenario })}`;
const without = await measureUiThroughput(page, `${base}?backend=${backend}&plots=0${hash}`, seconds);
const withPlots = await measureUiThroughput(page, `${base}?backend=${backend}${hash}`, seconds);
await browser.close();
await server.close();
const cost = 1 - withPlots.rtf / without.rtf;
console.log(`scenario ${scenario}, backend ${backend}, headless Chromium, ${seconds} s per measurement`);
console.log(`without plots: ${without.rtf.toFixed(3)}× real time, ${without.fps.toFixed(0)} frames/s`);
console.log(`with plots:    ${withPlots.rtf.toFixed(3)}× real time, ${withPlots.fps.toFixed(0)} frames/s`);
console.log(`UI cost: ${(100 * cost).toFixed(1)}% of simulation throughput`);
process.exit(0);
