import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI and browser tests spawn node on dist/ (several per case); give a slow or loaded 2-core machine room.
    testTimeout: 120_000,
  },
});
