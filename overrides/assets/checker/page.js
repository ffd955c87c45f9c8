// The checker page's parts, found once: the checker's description (from Python, in the page), the form and the
// places where progress and answers appear. User data is only ever put into the page as text, never as HTML.
export const description = JSON.parse(document.getElementById("checker-description").textContent);
export const form = document.getElementById("checker-form");
export const progressText = document.querySelector(".checker-progress-text");
export const progressBar = document.querySelector(".checker-progress-bar");
export const progressAmount = document.querySelector(".checker-progress-amount");
export const errorSummary = document.querySelector(".error-summary");
export const resultSection = document.querySelector(".checker-result");
export const resultBody = document.querySelector(".checker-result-body");

// 12,345: a count as the page shows it. Not toLocaleString: its first call loads the browser's locale data, a
// long task on a phone's slow core just as the answer appears (bench/README.md).
export function counted(number) {
  return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
