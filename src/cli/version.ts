import { readTextSync } from "../io/sync-fs.js";

/** Name and version from the package.json above this file (works from src/ and dist/src/). */
export function readPackageInfo(): { name: string; version: string } {
  let url = new URL("./", import.meta.url);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readTextSync(new URL("package.json", url))) as { name?: string; version?: string };
      if (pkg.name === "shortcode-migrate") return { name: pkg.name, version: pkg.version ?? "0.0.0" };
    } catch {
      // not here; go up
    }
    url = new URL("../", url);
  }
  return { name: "shortcode-migrate", version: "0.0.0" };
}
