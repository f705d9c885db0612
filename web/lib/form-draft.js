// A half-filled application form, kept on this device (localStorage, one entry per case number) until it is
// sent: a reload, a new tab or the browser opened again the next day start at the same page with the same
// answers. Removed when the form is sent and at sign-out, so a bank account number does not stay behind.
const PREFIX = 'ro.draft.';

/** @returns {null | { step: number, values: Record<string, unknown>, savedAt: string }} */
export function loadDraft(caseNumber) {
  try {
    const d = JSON.parse(localStorage.getItem(PREFIX + caseNumber) || 'null');
    return d && typeof d === 'object' && d.values && Number.isInteger(d.step) ? d : null;
  } catch {
    return null;
  }
}

export function saveDraft(caseNumber, step, values) {
  try {
    localStorage.setItem(PREFIX + caseNumber, JSON.stringify({ step, values, savedAt: new Date().toISOString() }));
    return true;
  } catch {
    // Storage full or switched off: the form still works, it is just not kept.
    return false;
  }
}

export function forgetDraft(caseNumber) {
  localStorage.removeItem(PREFIX + caseNumber);
}

export function forgetAllDrafts() {
  for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
}
