// A download run in its own process (the kill test SIGKILLs it): argv = outDir, then the jobs as JSON.
// Runs the built library (dist/), as the bin would.
import { downloadAssets } from "../../dist/src/assets/fetch.js";

const [outDir, jobs] = process.argv.slice(2);
const summary = await downloadAssets(JSON.parse(jobs), { outDir, concurrency: 1, retries: 0, timeoutMs: 60_000 });
process.stdout.write(JSON.stringify(summary));
