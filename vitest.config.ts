import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['tests/unit/setup.ts'],
          globals: true,
          // The time-stamp tests run openssl (RSA keys, ts -reply): 1-2 s alone, past vitest's 5 s default on these
          // shared 2-core machines under load. A hang still fails, at 20 s.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias: { '@': new URL('.', import.meta.url).pathname.replace(/\/$/, '') } },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Browsers are heavy on 2 cores: one file at a time.
          fileParallelism: false,
          globals: true,
        },
      },
    ],
  },
});
