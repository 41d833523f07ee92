// Headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser) against the built app served by vite preview.
import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
const BASE_ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** WebGPU needs this flag in headless Chromium; it then runs on SwiftShader where there is no GPU. */
export function launchChromium(webgpu: boolean): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, ...(webgpu ? ['--enable-unsafe-webgpu'] : [])] });
}

/** Builds the app once (vite build) and serves dist/ on a free loopback port. */
export async function serveApp(): Promise<{ url: string; server: PreviewServer }> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  return { url, server };
}
