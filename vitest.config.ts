import './scripts/gpu-env.mjs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Dawn must stay in one process (see src/engine/gpu/node-gpu.ts); SwiftShader is CPU-bound.
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
