import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn node on dist/; give a slow CI machine room.
    testTimeout: 30_000,
  },
});
