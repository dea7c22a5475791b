/** Renders an edit form from field descriptions (fields.ts): a label per control, hints, one submit button. */
import { html, raw } from "hono/html";
import { type Field, type FormData, formValue } from "./fields";
import type { Html } from "./layout";

export function editForm<R>(options: {
  fields: readonly Field<R>[];
  record: R;
  action: string;
  submit: string;
  /** What the admin typed, shown again after a refused save. */
  typed?: FormData;
}): Html {
  const { fields, record, typed } = options;
  return html`<form class="edit" method="post" action="${options.action}">
  ${fields
    .filter((f) => !f.applies || f.applies(record))
    .map((f) => {
      const id = `f-${f.name.replace(/\./g, "-")}`;
      const value = typed ? (typed[f.name] ?? "") : formValue(f.read(record));
      const checked = typed ? typed[f.name] !== undefined : f.read(record) === true;
      const hint = f.hint ? html`<span class="hint" id="${id}-hint">${f.hint}</span>` : "";
      const described = f.hint ? raw(` aria-describedby="${id}-hint"`) : "";
      if (f.input === "checkbox") {
        return html`<label for="${id}">${f.label}</label><input type="checkbox" id="${id}" name="${f.name}"${checked ? raw(" checked") : ""}${described}>${hint}`;
      }
      if (f.input === "select") {
        return html`<label for="${id}">${f.label}</label><select id="${id}" name="${f.name}"${described}>
          ${(f.options ?? []).map((o) => html`<option${o === value ? raw(" selected") : ""}>${o}</option>`)}
        </select>${hint}`;
      }
      const type = f.input === "money" ? "text" : f.input;
      const mode = f.input === "money" || f.input === "number" ? raw(' inputmode="decimal"') : "";
      return html`<label for="${id}">${f.label}</label><input type="${type}" id="${id}" name="${f.name}" value="${value}"${f.input === "number" ? raw(' step="any"') : ""}${mode}${described}>${hint}`;
    })}
  <div class="actions"><button type="submit">${options.submit}</button></div>
</form>`;
}
