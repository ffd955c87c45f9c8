// A long choice (a complaint's clause, one of dozens) found by its words: typing in the filter keeps only the
// options whose words hold every word typed: the clause's whole text (the option shows its start), its name and its
// group's. Options are removed and put back, not hidden, since Safari shows hidden options in its picker. How many
// are left is said beside the filter (and to a screen reader, which hears nothing of a select's options changing).
import { counted, description, form } from "./page.js";

// Each option's whole text, by its value, as the checker's description gives it (checkers._with_options).
const wholeText = new Map(description.inputs.flatMap((spec) => (spec.option_groups || [])
  .flatMap((group) => group.options.map(([value, , , text]) => [value, text || ""]))));

export function offerOptionFilters() {
  for (const filter of form.querySelectorAll(".option-filter-input")) {
    const select = form.querySelector(`#${CSS.escape(filter.dataset.filters)}`);
    // Every group and option as the page first had them, to filter from each time.
    const all = [...select.children].map((child) => ({ child, options: child.tagName === "OPTGROUP" ? [...child.children] : [] }));
    const total = all.reduce((sum, { options }) => sum + options.length, 0);
    const count = filter.parentElement.querySelector(".option-filter-count");
    filter.addEventListener("input", () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      const matches = (option) => words.every((word) =>
        `${option.textContent} ${wholeText.get(option.value) || ""} ${option.parentElement.label || ""}`.toLowerCase().includes(word));
      const chosen = select.value;
      const kept = [];
      let found = 0;
      for (const { child, options } of all) {
        if (child.tagName !== "OPTGROUP") {
          kept.push(child);
          continue;
        }
        child.replaceChildren(...options);
        const matching = new Set(options.filter(matches));
        const left = options.filter((option) => option.value === chosen || matching.has(option));
        child.replaceChildren(...left);
        if (left.length) kept.push(child);
        found += matching.size;
      }
      select.replaceChildren(...kept);
      select.value = chosen;
      count.textContent = !words.length ? ""
        : found ? description.labels.options_found.replace("{found}", counted(found)).replace("{total}", counted(total))
        : description.labels.no_option_found;
    });
  }
}
