// Lets Node (tsx) load `file.wgsl?raw` as a string default export, as Vite does,
// so the CLI and benchmark run the same engine modules as the browser.
// Usage: tsx --import ./scripts/raw-import.mjs src/cli/sim.ts
import { register } from 'node:module';

register(new URL('./raw-import-hooks.mjs', import.meta.url));
