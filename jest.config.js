/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests", "<rootDir>/src"],
  testMatch: ["**/*.test.ts"],
  // Fault tests stop and restart PostgreSQL and kill processes: only on request, serially
  // (.ci/run runs them as their own step: CLAIMTRAIL_FAULT_TESTS=1 … jest --runInBand tests/faults).
  testPathIgnorePatterns: process.env.CLAIMTRAIL_FAULT_TESTS === "1" ? ["/node_modules/"] : ["/node_modules/", "<rootDir>/tests/faults/"],
  transform: {
    "^.+\\.(t|j)s$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  globalSetup: "<rootDir>/tests/support/global-setup.ts",
  globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
  testTimeout: 120000,
  maxWorkers: 2,
  // A worker whose tests are done leaves no open handle, but the process itself then takes
  // ~0.5 s to free its heap (PGlite's WebAssembly memory, Chromium clients) on a busy
  // machine; at the 500 ms default Jest kills it and warns of a leak that is not there.
  workerGracefulExitTimeout: 5000,
};
