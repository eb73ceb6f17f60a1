import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code. e2e/*.spec.ts belongs to Playwright, so it is excluded here.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'training/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
