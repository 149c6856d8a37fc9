/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // p-wait-for, p-retry and is-network-error ship only as ES modules,
    // which jest on Node 20 cannot load, so ts-jest compiles them too.
    "^.+\\.[tj]s$": ["ts-jest", { tsconfig: "tsconfig.test.json" }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(p-wait-for|p-retry|is-network-error)/)"],
  moduleNameMapper: {
    "^pulumi-bailian$": "<rootDir>/sdk/index.ts",
    "^pulumi-bailian/provider$": "<rootDir>/provider/index.ts",
    "^pulumi-bailian/emulator$": "<rootDir>/emulator/index.ts",
  },
  reporters: ["default", "<rootDir>/tests/summary-reporter.js"],
  testTimeout: 120000,
  maxWorkers: 2,
};
