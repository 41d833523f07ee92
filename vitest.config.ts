import './scripts/gpu-env.mjs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // wgsl_reflect's "main" is a CommonJS file marked as ESM; its "module" build loads.
    alias: [{ find: /^wgsl_reflect$/, replacement: 'wgsl_reflect/wgsl_reflect.module.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // Dawn must stay in one process (see src/engine/gpu/node-gpu.ts); SwiftShader is CPU-bound.
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
