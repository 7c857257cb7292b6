#!/usr/bin/env node
// The shim: everything lives in main(), which takes its streams and returns the exit code.
try {
  const { main } = await import("../dist/src/cli/main.js");
  process.exitCode = await main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  });
} catch (error) {
  const missing = error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/src/cli/main.js");
  process.stderr.write(
    missing
      ? "shortcode-migrate: not built yet (dist/ is missing); run `npm run build` (npm ci does it)\n"
      : `shortcode-migrate: internal error: ${error && error.stack ? error.stack : error}\n`,
  );
  process.exitCode = 2;
}
