import { describe, expect, test } from "@jest/globals";
import { AutoShardError, shardFromEnvironment, type Environment } from "../../src/scale/shard-auto.js";
import { inShard } from "../../src/scale/shard.js";

const keys = Array.from({ length: 3000 }, (_, i) => `arşiv/${i % 23}/${i}-haber.txt`);

/** Each task's environment, as the batch system would set it for an array of `count` tasks. */
const engines: { name: string; count: number; shardCount?: number; tasks: Environment[] }[] = [
  {
    name: "Kubernetes Indexed Job",
    count: 5,
    shardCount: 5,
    tasks: [0, 1, 2, 3, 4].map((i) => ({ JOB_COMPLETION_INDEX: String(i), HOSTNAME: `migrate-${i}-x7k2p` })),
  },
  {
    name: "AWS Batch array job",
    count: 4,
    tasks: [0, 1, 2, 3].map((i) => ({ AWS_BATCH_JOB_ARRAY_INDEX: String(i), AWS_BATCH_JOB_ARRAY_SIZE: "4", AWS_BATCH_JOB_ID: `abc:${i}` })),
  },
  {
    name: "AWS Batch array job",
    count: 3,
    shardCount: 3,
    tasks: [0, 1, 2].map((i) => ({ AWS_BATCH_JOB_ARRAY_INDEX: String(i) })), // no size variable: the count from --shard-count
  },
  {
    name: "Cloud Run job",
    count: 6,
    tasks: [0, 1, 2, 3, 4, 5].map((i) => ({ CLOUD_RUN_TASK_INDEX: String(i), CLOUD_RUN_TASK_COUNT: "6", CLOUD_RUN_TASK_ATTEMPT: "0" })),
  },
  {
    name: "Slurm job array", // --array=0-3
    count: 4,
    tasks: [0, 1, 2, 3].map((i) => ({ SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_COUNT: "4", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_MAX: "3" })),
  },
  {
    name: "Slurm job array", // --array=1-7%2: ids from 1
    count: 7,
    tasks: [1, 2, 3, 4, 5, 6, 7].map((i) => ({
      SLURM_ARRAY_TASK_ID: String(i),
      SLURM_ARRAY_TASK_COUNT: "7",
      SLURM_ARRAY_TASK_MIN: "1",
      SLURM_ARRAY_TASK_MAX: "7",
    })),
  },
  {
    name: "Slurm job array", // --array=10-20:5: ids 10, 15, 20
    count: 3,
    tasks: [10, 15, 20].map((i) => ({
      SLURM_ARRAY_TASK_ID: String(i),
      SLURM_ARRAY_TASK_COUNT: "3",
      SLURM_ARRAY_TASK_MIN: "10",
      SLURM_ARRAY_TASK_MAX: "20",
      SLURM_ARRAY_TASK_STEP: "5",
    })),
  },
];

describe("--shard auto: the shard from the batch system's environment", () => {
  test.each(engines.map((e) => [e.name, e.count, e] as const))("%s, %i tasks: one shard each, disjoint and complete over the inputs", (name, count, engine) => {
    const resolved = engine.tasks.map((env) => shardFromEnvironment(env, engine.shardCount));
    expect(resolved.every((r) => r.engine === name)).toBe(true);
    // The tasks get the shards 1..N, each once, all of the same count.
    expect(resolved.map((r) => r.shard.count)).toEqual(Array(count).fill(count));
    expect(resolved.map((r) => r.shard.index).sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    // Every input is taken by exactly one task.
    expect(keys.filter((key) => resolved.filter((r) => inShard(key, r.shard)).length !== 1)).toEqual([]);
  });

  test("names the variables it used", () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: "2" }, 8)).toEqual({
      shard: { index: 3, count: 8 },
      engine: "Kubernetes Indexed Job",
      source: "JOB_COMPLETION_INDEX=2, --shard-count 8",
    });
    expect(
      shardFromEnvironment({ SLURM_ARRAY_TASK_ID: "15", SLURM_ARRAY_TASK_COUNT: "3", SLURM_ARRAY_TASK_MIN: "10", SLURM_ARRAY_TASK_STEP: "5" }).source,
    ).toBe("SLURM_ARRAY_TASK_ID=15, SLURM_ARRAY_TASK_MIN=10, SLURM_ARRAY_TASK_STEP=5, SLURM_ARRAY_TASK_COUNT=3");
    expect(shardFromEnvironment({ CLOUD_RUN_TASK_INDEX: "0", CLOUD_RUN_TASK_COUNT: "1" }).shard).toEqual({ index: 1, count: 1 });
  });

  test.each<[string, Environment, number | undefined, RegExp]>([
    [
      "nothing set",
      { HOME: "/root", CI: "true" },
      undefined,
      /no array-job index in the environment \(looked for JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, CLOUD_RUN_TASK_INDEX, SLURM_ARRAY_TASK_ID\); run it as an array job or pass --shard K\/N/,
    ],
    ["an empty index", { JOB_COMPLETION_INDEX: "" }, 4, /no array-job index in the environment/],
    [
      "Kubernetes without --shard-count",
      { JOB_COMPLETION_INDEX: "1" },
      undefined,
      /Kubernetes Indexed Job gives this task's index but not how many there are; pass --shard-count N \(the Job's spec\.completions\)/,
    ],
    [
      "AWS Batch without size or --shard-count",
      { AWS_BATCH_JOB_ARRAY_INDEX: "0" },
      undefined,
      /pass --shard-count N \(the array job's arrayProperties\.size\)/,
    ],
    [
      "an index past the count",
      { CLOUD_RUN_TASK_INDEX: "4", CLOUD_RUN_TASK_COUNT: "4" },
      undefined,
      /Cloud Run job: CLOUD_RUN_TASK_INDEX=4 is not below the count \(CLOUD_RUN_TASK_COUNT=4\)/,
    ],
    [
      "a count that disagrees with --shard-count",
      { AWS_BATCH_JOB_ARRAY_INDEX: "0", AWS_BATCH_JOB_ARRAY_SIZE: "10" },
      5,
      /AWS_BATCH_JOB_ARRAY_SIZE=10 but --shard-count is 5/,
    ],
    ["a non-number", { CLOUD_RUN_TASK_INDEX: "two", CLOUD_RUN_TASK_COUNT: "4" }, undefined, /CLOUD_RUN_TASK_INDEX="two" is not a whole number/],
    [
      "two engines at once",
      { JOB_COMPLETION_INDEX: "0", AWS_BATCH_JOB_ARRAY_INDEX: "0" },
      2,
      /more than one batch system \(JOB_COMPLETION_INDEX: Kubernetes Indexed Job; AWS_BATCH_JOB_ARRAY_INDEX: AWS Batch array job\); pass --shard K\/N/,
    ],
    ["Slurm without MIN", { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "4" }, undefined, /SLURM_ARRAY_TASK_MIN is not set/],
    // --array=1,4,9: three tasks whose ids are no range
    [
      "a Slurm list of ids",
      { SLURM_ARRAY_TASK_ID: "4", SLURM_ARRAY_TASK_COUNT: "3", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "9" },
      undefined,
      /ids 1 to 9 are not SLURM_ARRAY_TASK_COUNT=3 tasks; submit a plain range \(--array=0-2 or 1-3, any %limit\) or pass --shard K\/N yourself/,
    ],
    [
      "a Slurm id off the step",
      { SLURM_ARRAY_TASK_ID: "11", SLURM_ARRAY_TASK_COUNT: "3", SLURM_ARRAY_TASK_MIN: "10", SLURM_ARRAY_TASK_STEP: "5" },
      undefined,
      /SLURM_ARRAY_TASK_ID=11 is not in the range from SLURM_ARRAY_TASK_MIN=10 by 5/,
    ],
  ])("usage error: %s", (_, env, shardCount, message) => {
    expect(() => shardFromEnvironment(env, shardCount)).toThrow(AutoShardError);
    expect(() => shardFromEnvironment(env, shardCount)).toThrow(message);
  });
});
