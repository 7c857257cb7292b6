import type { Shard } from "./shard.js";

/** The environment as `main()` receives it (never `process.env` read here). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Which batch system a shard was read from, with the variables it came from. */
export interface AutoShard {
  /** The shard, 1-based as `--shard K/N` writes it. */
  shard: Shard;
  /** The batch system, for the notice (e.g. `"Kubernetes Indexed Job"`). */
  engine: string;
  /** Where index and count came from, e.g. `"JOB_COMPLETION_INDEX=2, --shard-count 8"`. */
  source: string;
}

/** A `--shard auto` that cannot be resolved: the message is one actionable line. */
export class AutoShardError extends Error {
  override name = "AutoShardError";
}

interface Engine {
  name: string;
  /** The variable whose presence says this engine runs us. */
  marker: string;
  resolve(env: Environment, shardCount: number | undefined): AutoShard;
}

/** A whole number ≥ 0 written in decimal, or an error naming the variable and its value. */
function wholeNumber(env: Environment, name: string): number {
  const raw = env[name];
  if (raw === undefined) throw new AutoShardError(`--shard auto: ${name} is not set`);
  if (!/^\s*\d+\s*$/.test(raw)) {
    throw new AutoShardError(`--shard auto: ${name}=${JSON.stringify(raw)} is not a whole number`);
  }
  return Number(raw);
}

/** The count the engine gives, else `--shard-count`; both given and different is an error. */
function countOf(
  engine: string,
  envCount: { name: string; value: number } | undefined,
  shardCount: number | undefined,
  hint: string,
): { count: number; from: string } {
  if (envCount && shardCount !== undefined && envCount.value !== shardCount) {
    throw new AutoShardError(
      `--shard auto: ${engine} says ${envCount.name}=${envCount.value} but --shard-count is ${shardCount}; drop --shard-count or make them agree`,
    );
  }
  if (envCount) return { count: envCount.value, from: `${envCount.name}=${envCount.value}` };
  if (shardCount !== undefined) return { count: shardCount, from: `--shard-count ${shardCount}` };
  throw new AutoShardError(`--shard auto: ${engine} gives this task's index but not how many there are; pass --shard-count N (${hint})`);
}

/** Index 0-based as the engine gives it, checked against the count, turned into a 1-based shard. */
function shardAt(engine: string, indexFrom: string, index: number, count: { count: number; from: string }): AutoShard {
  if (count.count < 1) throw new AutoShardError(`--shard auto: ${engine}: the count must be at least 1 (${count.from})`);
  if (index >= count.count) {
    throw new AutoShardError(`--shard auto: ${engine}: ${indexFrom} is not below the count (${count.from}); the shard index must run from 0 to count - 1`);
  }
  return { shard: { index: index + 1, count: count.count }, engine, source: `${indexFrom}, ${count.from}` };
}

const optionalCount = (env: Environment, name: string) => (env[name] === undefined || env[name] === "" ? undefined : { name, value: wholeNumber(env, name) });

/**
 * The batch systems `--shard auto` knows, in the order they are looked for. Each sets a
 * 0-based index per task of an array job (Slurm: any ids, made 0-based here).
 */
const ENGINES: readonly Engine[] = [
  {
    // Kubernetes Indexed Job (`completionMode: Indexed`): the control plane sets JOB_COMPLETION_INDEX,
    // 0 to `completions - 1`; the count is in the Job spec only, so it comes from --shard-count.
    name: "Kubernetes Indexed Job",
    marker: "JOB_COMPLETION_INDEX",
    resolve(env, shardCount) {
      const index = wholeNumber(env, "JOB_COMPLETION_INDEX");
      const count = countOf(this.name, undefined, shardCount, "the Job's spec.completions");
      return shardAt(this.name, `JOB_COMPLETION_INDEX=${index}`, index, count);
    },
  },
  {
    // AWS Batch array job: AWS_BATCH_JOB_ARRAY_INDEX 0 to size - 1 in each child; AWS_BATCH_JOB_ARRAY_SIZE
    // is the parent's size (documented later than the index: without it, --shard-count).
    name: "AWS Batch array job",
    marker: "AWS_BATCH_JOB_ARRAY_INDEX",
    resolve(env, shardCount) {
      const index = wholeNumber(env, "AWS_BATCH_JOB_ARRAY_INDEX");
      const count = countOf(this.name, optionalCount(env, "AWS_BATCH_JOB_ARRAY_SIZE"), shardCount, "the array job's arrayProperties.size");
      return shardAt(this.name, `AWS_BATCH_JOB_ARRAY_INDEX=${index}`, index, count);
    },
  },
  {
    // Cloud Run job: CLOUD_RUN_TASK_INDEX 0 to CLOUD_RUN_TASK_COUNT - 1.
    name: "Cloud Run job",
    marker: "CLOUD_RUN_TASK_INDEX",
    resolve(env, shardCount) {
      const index = wholeNumber(env, "CLOUD_RUN_TASK_INDEX");
      const count = countOf(this.name, optionalCount(env, "CLOUD_RUN_TASK_COUNT"), shardCount, "the job's --tasks");
      return shardAt(this.name, `CLOUD_RUN_TASK_INDEX=${index}`, index, count);
    },
  },
  {
    // Slurm job array: SLURM_ARRAY_TASK_ID is the array index as submitted (`--array=1-16` starts at 1,
    // `--array=0-30:2` steps by 2). The shard is the task's position in MIN, MIN+STEP, …, MAX; an array
    // that is no such range (`--array=1,4,9`) cannot be numbered from the environment alone.
    name: "Slurm job array",
    marker: "SLURM_ARRAY_TASK_ID",
    resolve(env, shardCount) {
      const id = wholeNumber(env, "SLURM_ARRAY_TASK_ID");
      // Slurm sets MIN with every array task; without it the first id is unknown (0 or 1?) and a guess
      // would leave one shard unconverted, so it is required rather than assumed.
      const min = wholeNumber(env, "SLURM_ARRAY_TASK_MIN");
      const step = env.SLURM_ARRAY_TASK_STEP === undefined || env.SLURM_ARRAY_TASK_STEP === "" ? 1 : wholeNumber(env, "SLURM_ARRAY_TASK_STEP");
      const count = countOf(this.name, optionalCount(env, "SLURM_ARRAY_TASK_COUNT"), shardCount, "the number of tasks in --array");
      const notRange = (why: string) =>
        new AutoShardError(
          `--shard auto: Slurm job array: ${why}; submit a plain range (--array=0-${count.count - 1} or 1-${count.count}, any %limit) or pass --shard K/N yourself`,
        );
      if (step < 1) throw notRange(`SLURM_ARRAY_TASK_STEP=${step}`);
      if (id < min || (id - min) % step !== 0) throw notRange(`SLURM_ARRAY_TASK_ID=${id} is not in the range from SLURM_ARRAY_TASK_MIN=${min} by ${step}`);
      if (env.SLURM_ARRAY_TASK_MAX !== undefined) {
        const max = wholeNumber(env, "SLURM_ARRAY_TASK_MAX");
        if (max !== min + (count.count - 1) * step) {
          throw notRange(`ids ${min} to ${max}${step > 1 ? ` by ${step}` : ""} are not ${count.from} tasks`);
        }
      }
      const from = `SLURM_ARRAY_TASK_ID=${id}${min !== 0 ? `, SLURM_ARRAY_TASK_MIN=${min}` : ""}${step !== 1 ? `, SLURM_ARRAY_TASK_STEP=${step}` : ""}`;
      return shardAt(this.name, from, (id - min) / step, count);
    },
  },
];

/** The variables `--shard auto` reads, for the usage error and the README. */
const AUTO_SHARD_VARIABLES: readonly string[] = ENGINES.map((engine) => engine.marker);

/**
 * Resolve `--shard auto` from the environment of the batch system running this task:
 * Kubernetes Indexed Jobs (`JOB_COMPLETION_INDEX`, count from `--shard-count`), AWS Batch
 * array jobs (`AWS_BATCH_JOB_ARRAY_INDEX`, `AWS_BATCH_JOB_ARRAY_SIZE`), Cloud Run jobs
 * (`CLOUD_RUN_TASK_INDEX`, `CLOUD_RUN_TASK_COUNT`) and Slurm job arrays
 * (`SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`, `SLURM_ARRAY_TASK_MIN`, `…_MAX`, `…_STEP`).
 * Pure: reads only `env`. Throws {@link AutoShardError} (one actionable line) when no engine's
 * variables are set, when two engines' are, or when the values do not make a shard.
 *
 * @param env The process environment, as `main()` receives it.
 * @param shardCount `--shard-count N`: the count where the engine gives none (default: none).
 */
export function shardFromEnvironment(env: Environment, shardCount?: number): AutoShard {
  const present = ENGINES.filter((engine) => env[engine.marker] !== undefined && env[engine.marker] !== "");
  if (present.length === 0) {
    throw new AutoShardError(
      `--shard auto: no array-job index in the environment (looked for ${AUTO_SHARD_VARIABLES.join(", ")}); run it as an array job or pass --shard K/N`,
    );
  }
  if (present.length > 1) {
    throw new AutoShardError(
      `--shard auto: the environment has the index of more than one batch system (${present.map((e) => `${e.marker}: ${e.name}`).join("; ")}); pass --shard K/N`,
    );
  }
  return present[0]!.resolve(env, shardCount);
}
