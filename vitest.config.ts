import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Vitest's default is one worker less than the cores: on a 2-core machine, one file at a time. Most files wait
    // on the processes they drive (the built CLI, tmux, the AWS CLI), so two at once there: the suite on Node 24,
    // 2 cores, 2026-12-07, 474 s with 2 workers against 767 s with 1, all passing both ways.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Guard: building real AWS clients fails in tests (the CLI processes they spawn inherit it).
    env: { PRIVATELINK_LAB_NO_AWS: "1" },
  },
});
