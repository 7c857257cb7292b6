import { availableParallelism } from "node:os";

/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  // Transpile only (tsconfig's isolatedModules: ts-jest then skips its type-checking language
  // service): `npm test` type-checks the whole project with tsc before jest runs.
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }] },
  // Jest's default is one worker less than the cores: a single worker, in band, on a 2-core CI
  // runner, with the second core idle most of the time. Two workers at least (`-w 1` still wins).
  maxWorkers: Math.max(2, availableParallelism() - 1),
  testTimeout: 60000,
};
