// A file made in this browser, offered as a download: nothing is sent anywhere.
// `contents`: text, or a file already made (a long answer's record).
export function saveFile(contents, filename, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([contents], { type }));
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

// The reader's own date, not the machine's UTC one: a check is made, and a record dated, where the reader is.
export function readersToday() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}
