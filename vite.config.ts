import { defineConfig } from 'vite';

export default defineConfig({
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
  // `vite build --ssr src/cli/bench.ts` makes one file for a bare GPU machine
  // (README "Benchmarks"): bundle every dependency except Dawn, which the GPU kit provides.
  ssr: { noExternal: true, external: ['webgpu'] },
});
