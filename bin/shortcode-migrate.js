#!/usr/bin/env node
// The shim: everything lives in main(), which takes its streams and returns the exit code.

// A reader that stops early (`… | head -1`) closes the pipe: the next write fails with EPIPE.
// Stop quietly then, as other command-line tools do: no stack trace, the exit code the run had
// so far (0 unless it already failed); what the reader did not want is not converted.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error && error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    // any other error of a standard stream: one line where it can still be said
    try {
      process.stderr.write(`shortcode-migrate: cannot write to ${stream === process.stdout ? "stdout" : "stderr"}: ${error && error.message}\n`);
    } catch {
      // stderr is gone too
    }
    process.exit(2);
  });
}

try {
  const { main, tightenHeapForExports } = await import("../dist/src/cli/main.js");
  process.exitCode = await main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    readingExports: tightenHeapForExports,
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
