/** The shared WordPress conformance cases (fixtures/conformance/wordpress-core-cases.json). */
import { readFileSync } from "node:fs";
import type { Attributes, ShortcodeKind } from "../../../src/ast/types.js";

/** One expected match, as core's instrumented `do_shortcode_tag` saw it. */
export interface ExpectedShortcode {
  tag: string;
  attrs: Attributes;
  content: string | null;
  kind: ShortcodeKind;
  escaped: boolean;
  raw: string;
  literal?: string;
  inHtmlTag?: boolean;
  outputDiscarded?: boolean;
  nested?: ExpectedShortcode[];
}

export interface ConformanceCase {
  id: string;
  source: string;
  ref: string;
  input: string;
  registered: string[];
  expect: ExpectedShortcode[];
  output: string;
  note?: string;
}

export const casesUrl = new URL("../../../fixtures/conformance/wordpress-core-cases.json", import.meta.url);

export const cases: ConformanceCase[] = JSON.parse(readFileSync(casesUrl, "utf8")) as ConformanceCase[];
