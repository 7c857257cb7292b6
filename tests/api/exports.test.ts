/**
 * Pins the public runtime API of the package entry (src/index.ts). Adding or removing a runtime
 * export is an API change: update this list on purpose, never in passing.
 */
import { expect, test } from "@jest/globals";
import * as api from "../../src/index.js";

test("src/index.ts exports exactly convert, parse, parseShortcodes and print", () => {
  expect(Object.keys(api).sort()).toEqual(["convert", "parse", "parseShortcodes", "print"]);
});

test.each(["convert", "parse", "parseShortcodes", "print"])("%s is a function", (name) => {
  expect(typeof (api as Record<string, unknown>)[name]).toBe("function");
});
