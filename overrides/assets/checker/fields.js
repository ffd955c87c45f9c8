// Each kind of field in a checker's description (INPUTS in its Python module), read from and written to its
// widget in one place. A widget is what sitebuild/templates/fields.html.j2 made for that kind.
const text = {
  read: (element) => element.value.trim() || undefined,
  // Returns why a value could not be taken (a choice the field does not offer, a date the date field cannot hold),
  // so that nothing a link or a spreadsheet held is dropped without a word: a key that Python words
  // (checkers/page.py, REFUSED_WHY).
  write(element, value) {
    const wanted = value === null ? "" : typeof value === "object" ? null : String(value);
    if (wanted === null) return "not-single";
    element.value = wanted;
    if (element.value === wanted) return null;
    element.value = "";
    if (element.tagName === "SELECT") {
      element.selectedIndex = [...element.options].findIndex((option) => option.defaultSelected);
      return "not-offered";
    }
    return "cannot-hold";
  },
};

// A few choices as radio buttons in a fieldset: the chosen one's value, "" for none (or "Not sure" where that is
// the empty value).
const radios = {
  read(element) {
    const chosen = element.querySelector("input[type=radio]:checked");
    return chosen && chosen.value !== "" ? chosen.value : undefined;
  },
  write(element, value) {
    const wanted = value === null ? "" : typeof value === "object" ? null : String(value);
    if (wanted === null) return "not-single";
    const buttons = [...element.querySelectorAll("input[type=radio]")];
    const match = buttons.find((button) => button.value === wanted);
    if (!match && wanted !== "") return "not-offered";
    for (const button of buttons) button.checked = button === match;
    return null;
  },
};

// A choice's widget: a select, or radio buttons in a fieldset.
const choice = {
  read: (element) => (element.tagName === "FIELDSET" ? radios : text).read(element),
  write: (element, value) => (element.tagName === "FIELDSET" ? radios : text).write(element, value),
};

const WIDGETS = {
  text,
  longtext: text,
  money: text,
  date: text,
  choice,
  // Yes, No or Not sure: true, false, or nothing.
  tristate: {
    read: (element) => ({ true: true, false: false })[choice.read(element)],
    write: choice.write,
  },
  // A whole number, sent as one so that the checker can say what is wrong with anything else; digits too many for
  // JavaScript to hold exactly (Number() makes 400 of them Infinity, which JSON sends as nothing) go as typed.
  count: {
    read: (element) => {
      const value = element.value.trim();
      return value === "" ? undefined : /^\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
    },
    write: text.write,
  },
  // A checkbox, or Yes and No as radio buttons in a fieldset when an answer is required.
  boolean: {
    read(element) {
      if (element.type === "checkbox") return element.checked;
      const chosen = element.querySelector("input[type=radio]:checked");
      return chosen ? chosen.value === "true" : undefined;
    },
    write(element, value) {
      if (typeof value !== "boolean") return "not-boolean";
      if (element.type === "checkbox") element.checked = value;
      else for (const radio of element.querySelectorAll("input[type=radio]")) radio.checked = radio.value === String(value);
      return null;
    },
  },
};

export function readField(spec, element) {
  return element ? WIDGETS[spec.kind].read(element) : undefined;
}

// Why the value was not taken, or null.
export function writeField(spec, element, value) {
  if (value === undefined) return null;
  if (!element || !spec) return "no-field";
  return WIDGETS[spec.kind].write(element, value);
}

// Whether a question is asked, by its `asked_when` (a Condition's to_data, checkers/contract.py): the same test
// Python makes, on the answers as the form would send them.
export function holds(condition, answers) {
  if (condition.any_of) return condition.any_of.some((part) => holds(part, answers));
  if (condition.all_of) return condition.all_of.every((part) => holds(part, answers));
  return condition.values.includes(answers[condition.field]) !== condition.excluded;
}
