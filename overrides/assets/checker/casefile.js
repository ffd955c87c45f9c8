// A candidate's case, kept in this browser's own database, and only once they have asked for it: until then nothing
// here opens the database (opening it would create it). Python (checkers/case.py) says what a case is and makes
// every change to it; this module only stores the text Python gives it. With a passphrase, that text is encrypted
// with the browser's own cryptography (AES-GCM, its key derived by PBKDF2), and the key lives in the page's memory
// only: each page asks for the passphrase again.
const DATABASE = "codes-of-conduct-case";
const STORE = "kept";
// OWASP's figure for PBKDF2 with SHA-256 (Password Storage Cheat Sheet, 2023): slow to guess, a moment to open.
const ITERATIONS = 600_000;
let key = null;

export class CaseLocked extends Error {}

// Every use of the case takes its turn, in this tab and in any other (the Web Locks API, in every engine since 2022),
// and each exported function below is one turn. A change reads the case and stores it changed, so two at once (a
// double tap, a passphrase set while a file is being brought in) would lose one of them; and a read that began
// before "Forget everything" would open the database just deleted, which creates it again.
let turns = Promise.resolve();
function inTurn(work) {
  if (navigator.locks) return navigator.locks.request(DATABASE, () => work());
  const mine = turns.then(() => work());
  turns = mine.catch(() => {});
  return mine;
}

// A turn that opens the case only where one is kept, `work` given the database: otherwise `absent()` answers and
// nothing is created.
function inTurnIfKept(work, absent = () => null) {
  return inTurn(async () => (await caseExists() ? withDatabase(work) : absent()));
}

const GONE = "Your case is no longer kept on this device: it was forgotten, perhaps on another page. " +
  "Press \u201cKeep my case on this device\u201d to start again.";
function gone() {
  throw new Error(GONE);
}

// Whether a case is kept here, asked without creating one (indexedDB.databases, in every engine since 2023).
export async function caseExists() {
  if (!window.indexedDB || !indexedDB.databases) return false;
  try {
    return (await indexedDB.databases()).some((database) => database.name === DATABASE);
  } catch {
    return false;
  }
}

// How long the browser's storage may take to answer before the reader is told: it has been seen never to answer
// (WebKit, on a machine under heavy load), and a turn that never ends would hold up every later one, forgetting too.
const STORAGE_WAIT_MS = 20_000;
const NO_ANSWER = "This browser's storage did not answer in time, so nothing was changed. Try again, or reload the page.";

class NoAnswer extends Error {}

function inTime(start, giveUp, message = NO_ANSWER) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      giveUp();
      reject(new NoAnswer(message));
    }, STORAGE_WAIT_MS);
    start((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

function openDatabase() {
  let late = false;
  return inTime((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      if (late) {
        request.result.close();
        return;
      }
      // Another page forgetting the case (deleting the database) is not kept waiting by this one.
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(new Error("This browser would not keep the case (its storage is turned off or full)."));
    request.onblocked = () => reject(new Error("The case is open in another tab that is being updated: close it and try again."));
  }, () => { late = true; });
}

// The database opened once for a turn, and closed as it ends.
async function withDatabase(work) {
  const database = await openDatabase();
  try {
    return await work(database);
  } finally {
    database.close();
  }
}

// One transaction: every value written, or none (an interrupted save leaves the case as it was). `work` may read
// and, in the same transaction, write what it read changed.
function inStore(database, mode, work) {
  let transaction;
  return inTime((resolve, reject) => {
    transaction = database.transaction(STORE, mode);
    const found = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(found);
    transaction.onerror = () => reject(new Error("The case could not be kept: " + (transaction.error?.message || "storage refused")));
    transaction.onabort = transaction.onerror;
  }, () => {
    try {
      transaction.abort();
    } catch {
      // already finished: its outcome stands
    }
  });
}

// The values named, read together: { name: value }.
async function readValues(database, names) {
  const requests = await inStore(database, "readonly", (store) => names.map((name) => store.get(name)));
  return Object.fromEntries(names.map((name, index) => [name, requests[index].result]));
}

// The case's facts changed, and any other values written, in one transaction with reading them.
function changeMeta(database, changes, values = {}) {
  return inStore(database, "readwrite", (store) => {
    const found = store.get("meta");
    found.onsuccess = () => {
      store.put({ ...found.result, ...changes }, "meta");
      for (const [name, value] of Object.entries(values)) store.put(value, name);
    };
  });
}

function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

// The reader opts in: an empty case and its facts, unless another page has started one meanwhile (looked for in the
// same transaction, so a case is never replaced by an empty one). The browser is then asked not to evict it
// (askToPersist).
export function startCase() {
  return inTurn(() => withDatabase((database) => inStore(database, "readwrite", (store) => {
    const found = store.get("meta");
    found.onsuccess = () => {
      if (found.result) return;
      store.put({ opted_in_on: today(), changed_on: null, exported_on: null, exported_after_change: true,
        encrypted: false, salt: null }, "meta");
      store.put({ text: null }, "case");
    };
  })));
}

// Whether the browser agrees to keep the case when it needs room. Firefox asks the reader first, and answers only
// once they have: never awaited before the page goes on.
export async function askToPersist() {
  try {
    return Boolean(navigator.storage && navigator.storage.persist && await navigator.storage.persist());
  } catch {
    return false;
  }
}

export async function isPersisted() {
  try {
    return Boolean(navigator.storage && navigator.storage.persisted && await navigator.storage.persisted());
  } catch {
    return false;
  }
}

// What the page says about the case: when it was kept, changed and last saved to a file, and whether it is locked.
export function caseFacts() {
  return inTurnIfKept(async (database) => {
    const { meta } = await readValues(database, ["meta"]);
    return meta ? { ...meta, locked: meta.encrypted && !key } : null;
  });
}

async function deriveKey(passphrase, salt) {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", salt, iterations: ITERATIONS, hash: "SHA-256" }, material,
    { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

async function seal(text, withKey) {
  if (!withKey) return { text };
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, withKey, new TextEncoder().encode(text));
  return { iv, data };
}

async function unseal(record, withKey) {
  if (!record || !("data" in record)) return record ? record.text : null;
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv }, withKey, record.data);
  return new TextDecoder().decode(plain);
}

async function readText(database, withKey = key) {
  const { meta, case: record } = await readValues(database, ["meta", "case"]);
  if (meta && meta.encrypted && !withKey) throw new CaseLocked("Enter your passphrase to open your case.");
  return unseal(record, withKey);
}

// The case's JSON text: null where none is kept or one was just started; CaseLocked where it needs its passphrase.
export function readCase() {
  return inTurnIfKept((database) => readText(database));
}

// A change in one turn: `work` is given the case's text and returns { text, answer }; the text (where it is one) is
// stored, and the answer returned. An error where the case has been forgotten meanwhile: it is not started again
// unasked.
export function changeCase(work) {
  return inTurnIfKept(async (database) => {
    const changed = await work(await readText(database));
    if (typeof changed.text === "string") {
      await changeMeta(database, { changed_on: today(), exported_after_change: false }, { case: await seal(changed.text, key) });
    }
    return changed.answer;
  }, gone);
}

export function unlock(passphrase) {
  return inTurnIfKept(async (database) => {
    const { meta } = await readValues(database, ["meta"]);
    const candidate = await deriveKey(passphrase, meta.salt);
    try {
      await readText(database, candidate);
    } catch {
      throw new Error("That passphrase does not open this case. Check it and try again.");
    }
    key = candidate;
  }, gone);
}

// Whether the case now notes that it was saved to a file (for the reminder to save it again): false where the
// storage did not answer. The file is saved either way, so that is no failure of the save.
export async function markExported() {
  try {
    await inTurnIfKept((database) => changeMeta(database, { exported_on: today(), exported_after_change: true }), gone);
    return true;
  } catch (error) {
    if (error instanceof NoAnswer) return false;
    throw error;
  }
}

// A new passphrase (or the first) for the case already open, its stored text sealed anew; "" takes the passphrase away.
export function setPassphrase(passphrase) {
  return inTurnIfKept(async (database) => {
    const text = await readText(database);
    const salt = passphrase ? crypto.getRandomValues(new Uint8Array(16)) : null;
    const newKey = passphrase ? await deriveKey(passphrase, salt) : null;
    await changeMeta(database, { encrypted: Boolean(passphrase), salt }, { case: await seal(text, newKey) });
    key = newKey;
  }, gone);
}

// Everything, at once: the database itself is deleted, in its turn, so that no read or change waiting behind it
// opens it again. The turn lasts until the deletion is done, however long that is; the reader is told if it is slow,
// and `doneLate` is called once it is done after all (so the page can stop showing what is no longer kept).
export function forgetEverything(doneLate = () => {}) {
  const deleted = inTurn(() => {
    key = null;
    return new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(DATABASE);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(new Error("The browser would not delete the case: clear this site's data in its settings."));
      // Blocked while another page still holds it open: the deletion goes on once that page lets go, and succeeds then.
    });
  });
  return inTime((resolve, reject) => deleted.then(resolve, reject), () => deleted.then(doneLate, () => {}),
    "This browser has not finished deleting your case yet: another tab of this site may still have it open. Close " +
    "this site's other tabs, and this page will say when it is done; if it does not, reload this page and forget " +
    "everything again.");
}
