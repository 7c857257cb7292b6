import { readFileSync } from "node:fs";
import { describe, expect, test } from "@jest/globals";
import { cli } from "./helpers.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

describe("main: help, version, usage", () => {
  test("--version prints the package version on stdout", async () => {
    const r = await cli(["--version"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `${pkg.version}\n`, ""]);
  });

  test("--help lists the commands, examples and exit codes", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const text of [
      "convert [options] <paths...>",
      "check [options] <paths...>",
      "scan [options] <paths...>",
      "parse [options] <file>",
      "Examples:",
      "Exit codes:",
    ]) {
      expect(r.stdout).toContain(text);
    }
  });

  test.each(["convert", "check", "scan", "parse"])("%s --help has examples and points to the exit codes, said once in the program's help", async (command) => {
    const r = await cli([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: shortcode-migrate ${command}`);
    expect(r.stdout).toMatch(new RegExp(`Examples:\\n {2}\\$ shortcode-migrate ${command} `));
    expect(r.stdout).not.toContain("2  usage, configuration, environment or internal failure");
    expect(r.stdout).toMatch(
      /\nExit codes: 0 success, 1 findings about the content, 2 usage or environment failure\n\(details: shortcode-migrate --help\)\.\n$/,
    );
    expect((await cli(["--help"])).stdout).toContain("2  usage, configuration, environment or internal failure");
  });

  test("no command: exit 2, last line says why", async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.last).toBe("shortcode-migrate: no command given; use one of convert, check, scan, parse (see 'shortcode-migrate --help')");
  });

  test("unknown command, unknown option (with suggestion), bad choice, missing argument: exit 2, one line", async () => {
    expect((await cli(["convrt"])).last).toBe("shortcode-migrate: unknown command 'convrt' (Did you mean convert?) (see 'shortcode-migrate --help')");
    const option = await cli(["convert", "-", "--dryrun"]);
    expect([option.code, option.stderr]).toEqual([
      2,
      "shortcode-migrate: unknown option '--dryrun' (Did you mean --dry-run?) (see 'shortcode-migrate convert --help')\n",
    ]);
    expect((await cli(["convert", "-", "--to", "html"])).last).toBe(
      "shortcode-migrate: option '-t, --to <format>' argument 'html' is invalid. Allowed choices are markdown, json, mdast. (see 'shortcode-migrate convert --help')",
    );
    expect((await cli(["check"])).last).toBe("shortcode-migrate: missing required argument 'paths' (see 'shortcode-migrate check --help')");
  });

  test("an engine that fails to load is an internal failure: exit 2", async () => {
    const r = await cli(["convert", "-"], { stdinText: "x", engine: () => Promise.reject(new Error("no dist")) });
    expect(r.code).toBe(2);
    expect(r.last).toBe("shortcode-migrate: internal error: cannot load the converter: no dist (a bug: please report it; --verbose shows the stack)");
  });
});
