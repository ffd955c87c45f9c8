// The form as a request, and a request (a shared link's) into the form, both from the checker's description.
import { description, form } from "./page.js";
import { readField, writeField } from "./fields.js";
import { readRows, replaceRows } from "./rows.js";

// The code and version each choice of the form stands for, by its value (a citation, made by Python).
const choices = new Map(description.codes.flatMap((code) => [
  [code.citation, { code: code.code }],
  ...code.versions.map((version) => [version.citation, { code: code.code, version: version.version }]),
]));

// A field outside the rows; a radio group is found through its fieldset.
function fieldElement(spec) {
  return form.querySelector(`[data-field="${spec.name}"]:not([type=radio])`);
}

export function readRequest() {
  const { code, version } = choices.get(form.elements.code.value);
  const request = { code };
  const asOf = form.elements.as_of.value;
  if (asOf) request.as_of = asOf;
  else if (version) request.version = version;
  for (const spec of description.inputs) {
    const value = spec.kind === "rows" ? readRows(spec, readField) : readField(spec, fieldElement(spec));
    if (value !== undefined) request[spec.name] = value;
  }
  return request;
}

// A scenario into the form. Returns what it could not take: [{field, value, why}]; a code or version this site
// does not have is among them, and nothing is checked until the reader chooses.
export async function fillForm(request) {
  if (!request || typeof request !== "object" || Array.isArray(request)) {
    return [{ field: "scenario", value: request, why: "it is not a set of answers" }];
  }
  const refused = [];
  const code = description.codes.find((served) => served.code === request.code);
  const version = code && (request.version === undefined || request.version === null
    ? code : code.versions.find((served) => served.version === request.version));
  if (version) form.elements.code.value = version.citation;
  else {
    refused.push(code
      ? { field: "version", value: request.version, why: `${code.title} has no such version on this site` }
      : { field: "code", value: request.code, why: "this site has no such code for this checker" });
  }
  const asOfWhy = writeField({ kind: "date" }, form.elements.as_of, request.as_of === undefined ? "" : request.as_of);
  if (asOfWhy) refused.push({ field: "as_of", value: request.as_of, why: asOfWhy });
  const known = new Set(["code", "version", "as_of", ...description.inputs.map((spec) => spec.name)]);
  for (const name of Object.keys(request)) {
    if (!known.has(name)) refused.push({ field: name, value: request[name], why: "this checker has no such question" });
  }
  for (const spec of description.inputs) {
    if (spec.kind !== "rows") {
      const why = writeField(spec, fieldElement(spec), request[spec.name]);
      if (why) refused.push({ field: spec.name, value: request[spec.name], why });
      continue;
    }
    const rows = request[spec.name] === undefined ? [] : request[spec.name];
    if (!Array.isArray(rows) || rows.some((row) => !row || typeof row !== "object" || Array.isArray(row))) {
      refused.push({ field: spec.name, value: rows, why: "it is not a list of rows" });
      continue;
    }
    refused.push(...await replaceRows(spec, rows));
  }
  return refused;
}
