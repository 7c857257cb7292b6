import { describe, expect, test } from "@jest/globals";
import { box, cli } from "./helpers.js";

/** 40 NDJSON records like an archive dump, with a related-news box in every other one. */
const archive =
  Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({ id: `haber-${i}`, body: `Bakü’de ${i}. gün ‘‘müzakere’’ sürdü.${i % 2 ? `\n\n${box(`Başlık ${i}`)}` : ""}` }),
  ).join("\n") + "\n";
const args = ["convert", "-", "--input-format", "ndjson"];
const sorted = (s: string) => s.split("\n").filter(Boolean).sort();

describe("convert --shard auto", () => {
  test.each<[string, (i: number) => Record<string, string>, string[]]>([
    ["Kubernetes Indexed Job", (i) => ({ JOB_COMPLETION_INDEX: String(i) }), ["--shard-count", "3"]],
    ["AWS Batch array job", (i) => ({ AWS_BATCH_JOB_ARRAY_INDEX: String(i), AWS_BATCH_JOB_ARRAY_SIZE: "3" }), []],
    ["Cloud Run job", (i) => ({ CLOUD_RUN_TASK_INDEX: String(i), CLOUD_RUN_TASK_COUNT: "3" }), []],
    ["Slurm job array", (i) => ({ SLURM_ARRAY_TASK_ID: String(i + 1), SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_MAX: "3", SLURM_ARRAY_TASK_COUNT: "3" }), []],
  ])("%s: three tasks' outputs are together the whole run's, and each says which shard it took", async (engine, env, extra) => {
    const whole = await cli(args, { stdinText: archive });
    const parts = [];
    for (const i of [0, 1, 2]) {
      const r = await cli([...args, "--shard", "auto", ...extra], { stdinText: archive, env: { PATH: "/usr/bin", ...env(i) } });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`shard ${i + 1}/3 (--shard auto: ${engine}, `);
      expect(r.stdout.length).toBeGreaterThan(0);
      parts.push(r.stdout);
    }
    expect(sorted(parts.join(""))).toEqual(sorted(whole.stdout));
    // The same as the explicit --shard K/N.
    expect((await cli([...args, "--shard", "2/3"], { stdinText: archive })).stdout).toBe(parts[1]);
  });

  test("--quiet leaves the notice out", async () => {
    const r = await cli([...args, "--shard", "auto", "--quiet"], { stdinText: archive, env: { CLOUD_RUN_TASK_INDEX: "0", CLOUD_RUN_TASK_COUNT: "2" } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("--shard auto");
  });

  test("no batch system in the environment is a usage error before any work (exit 2)", async () => {
    const r = await cli([...args, "--shard", "auto"], { stdinText: archive, env: { HOME: "/home/editor" } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.last).toBe(
      "shortcode-migrate: --shard auto: no array-job index in the environment (looked for JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, CLOUD_RUN_TASK_INDEX, SLURM_ARRAY_TASK_ID); run it as an array job or pass --shard K/N (see 'shortcode-migrate convert --help')",
    );
  });

  test("Kubernetes without --shard-count, and --shard-count without --shard auto, are usage errors", async () => {
    const k8s = await cli(["check", "-", "--shard", "auto"], { stdinText: "x", env: { JOB_COMPLETION_INDEX: "0" } });
    expect(k8s.code).toBe(2);
    expect(k8s.last).toMatch(/Kubernetes Indexed Job gives this task's index but not how many there are; pass --shard-count N/);
    const stray = await cli([...args, "--shard", "1/2", "--shard-count", "2"], { stdinText: archive });
    expect(stray.code).toBe(2);
    expect(stray.last).toMatch(/--shard-count goes with --shard auto \(with --shard K\/N, N is the count\), got --shard-count 2 with --shard 1\/2/);
    const zero = await cli([...args, "--shard", "auto", "--shard-count", "0"], { stdinText: archive });
    expect(zero.code).toBe(2);
    expect(zero.last).toMatch(/--shard-count.*expected a whole number ≥ 1, got "0"/);
  });
});
