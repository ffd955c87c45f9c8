// What the checker pages' "Keep in my case" and My case show alike: one part of several at a time, a status line,
// and the passphrase's form, opened by its button or by Enter.

// The parts of a case's view by name: the element of class case-<name> within `container`.
export function partsOf(container, names) {
  return Object.fromEntries(names.map((name) => [name, container.querySelector(`.case-${name}`)]));
}

// A function that shows the part named and hides the others.
export function onePartOf(parts) {
  return (which) => {
    for (const [name, part] of Object.entries(parts)) part.hidden = name !== which;
  };
}

// A function that puts a sentence in the status line, as a problem or not.
export function statusLine(node) {
  return (text, problem = false) => {
    node.textContent = text;
    node.className = "case-status " + (problem ? "status status--error" : "status");
  };
}

// `open(passphrase)` when the reader asks for their case to be opened; the field is emptied once it is.
export function onUnlock(form, open) {
  const field = form.querySelector(".case-passphrase");
  form.querySelector(".case-unlock-open").addEventListener("click", () => form.requestSubmit());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (await open(field.value)) field.value = "";
    else field.focus();
  });
}
