/**
 * Packages the converter needs only for rare inputs, loaded when first needed instead of
 * when the converter loads.
 *
 * remark-stringify, rehype-parse/rehype-remark and remark-parse are the fallbacks behind the
 * fast paths (`fast-markdown.ts`, `html-fast.ts`) and the parsers of other input kinds; on a
 * seed-shaped archive no article reaches them (measured: 0 of 20,000). Importing them eagerly
 * was most of the converter's load time (about 350 → 125 ms without them), which every worker
 * thread of a run pays before its first file.
 *
 * A conversion is synchronous, so loading on demand needs a synchronous `require()` of an ES
 * module: Node has it from 20.19 and 22.12 (`process.features.require_module`). On older
 * versions the packages are imported eagerly, as before, and nothing else changes.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const requiresEsm = (process.features as { require_module?: boolean }).require_module === true;
/** The dynamic imports of {@link onDemand}, one after the other. */
let imports: Promise<unknown> = Promise.resolve();

/**
 * A getter for package `specifier`'s module namespace, loading it on its first call.
 *
 * @param specifier a bare package name, resolved from this package
 * @returns the getter (on Node without `require(esm)`, the package is already loaded)
 */
export async function onDemand<T>(specifier: string): Promise<() => T> {
  if (!requiresEsm) {
    // One import at a time: modules with top-level awaits (html.ts, markdown-input.ts) are
    // evaluated side by side, and two dynamic imports of graphs that share a package (unified)
    // at once trip module loaders that link asynchronously (jest's vm modules: "request for
    // './lib/index.js' is not in cache"). Node's own loader does not need it; it costs nothing.
    const next = imports.then(() => import(specifier) as Promise<T>);
    imports = next.then(
      () => undefined,
      () => undefined,
    );
    const loaded = await next;
    return () => loaded;
  }
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}

/** `make()` on the first call, its value on every later one (a processor built when first needed). */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** unified, which every processor behind the fast paths is built with. */
export const unifiedPackage = await onDemand<typeof import("unified")>("unified");
