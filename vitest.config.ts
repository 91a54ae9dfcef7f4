import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Guard: building real AWS clients fails in tests (the CLI processes they spawn inherit it).
    env: { PRIVATELINK_LAB_NO_AWS: "1" },
  },
});
