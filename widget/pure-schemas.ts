/**
 * Marks valibot's schema builders (`v.object(…)`, `v.pipe(…)`, …) in shared/ and widget/src/ as
 * pure calls (`/* @__PURE__ *\/`), so a schema /widget.js never uses is left out of it. Valibot's own
 * `@__NO_SIDE_EFFECTS__` marks are not applied by esbuild to these module-level constants, so without this every
 * schema of a module the widget imports one name from (a list of resources, a path) is bundled. Only calls of `v.`
 * are marked, never the ones that act (parse, safeParse, assert, …), found with TypeScript's parser;
 * widget-sources.ts applies it.
 */
import ts from "typescript";

/** valibot's functions that do something when called rather than build a schema: never marked. */
const ACTING = new Set([
  "parse",
  "safeParse",
  "parseAsync",
  "safeParseAsync",
  "parser",
  "safeParser",
  "assert",
  "is",
  "config",
  "setGlobalConfig",
  "deleteGlobalConfig",
  "setGlobalMessage",
  "deleteGlobalMessage",
  "setSchemaMessage",
  "deleteSchemaMessage",
  "setSpecificMessage",
  "deleteSpecificMessage",
  "flatten",
  "summarize",
  "getDotPath",
]);

/** `source` with each schema-building call of the namespace `v` marked pure. */
export function markSchemasPure(source: string, fileName = "schema.ts"): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const starts: number[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === "v" &&
      !ACTING.has(node.expression.name.text)
    ) {
      starts.push(node.getStart(file));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = source;
  for (const start of starts.sort((a, b) => b - a)) {
    result = `${result.slice(0, start)}/* @__PURE__ */ ${result.slice(start)}`;
  }
  return result;
}
