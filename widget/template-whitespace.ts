/**
 * Shrinks the widget's Lit templates before bundling (widget-sources.ts applies it): in every html`` and css`` template a
 * line break with its indentation becomes one space (HTML and CSS read a run of whitespace as one space; no template
 * of the widget uses `white-space: pre`), and css`` templates lose their comments. Lit ships templates verbatim, so
 * without this the bundle carries every indent and every CSS comment. Only the literal parts of tagged templates
 * are touched, found with TypeScript's parser, never code or other strings.
 */
import ts from "typescript";

const TAGS = new Set(["html", "css"]);

/** `source` with its html`` and css`` templates shrunk. */
export function shrinkTemplates(source: string, fileName = "widget.ts"): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const isCss = node.tag.text === "css";
      const template = node.template;
      const literals = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const literal of literals) {
        const start = literal.getStart(file);
        const end = literal.getEnd();
        let text = source.slice(start, end);
        if (isCss && literals.length === 1) text = text.replace(/\/\*[\s\S]*?\*\//g, "");
        text = text.replace(/\n\s*/g, " ").replace(/ {2,}/g, " ");
        edits.push({ start, end, text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}
