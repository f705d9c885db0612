// The citizen's sign-in and the case they are working on, kept in localStorage so a new tab (or the browser
// opened again) carries on where the person was: a token lives at most 12 hours (its `exp` is read here and a
// lapsed one is dropped), and signing out removes everything, drafts included (web/lib/form-draft.js).
import { forgetAllDrafts } from './form-draft.js';

const KEYS = {
  token: 'ro.token',
  id: 'ro.idNumber',
  name: 'ro.name',
  caseNumber: 'ro.caseNumber',
  booking: 'ro.booking',
  sentForm: 'ro.sentForm',
  invitation: 'ro.invitation',
};
const store = () => localStorage;

/** Seconds since the epoch at which the token lapses, from its payload; 0 when it cannot be read. */
function expiresAt(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return Number(JSON.parse(atob(payload)).exp) || 0;
  } catch {
    return 0;
  }
}

function readJson(key) {
  try {
    return JSON.parse(store().getItem(key) || 'null');
  } catch {
    return null;
  }
}

function writeJson(key, v) {
  v ? store().setItem(key, JSON.stringify(v)) : store().removeItem(key);
}

export const session = {
  get token() {
    const t = store().getItem(KEYS.token);
    if (t && expiresAt(t) * 1000 <= Date.now()) {
      // Lapsed: the next page asks the person to sign in again rather than failing on every request.
      store().removeItem(KEYS.token);
      return null;
    }
    return t;
  },
  get idNumber() {
    return store().getItem(KEYS.id);
  },
  get name() {
    return store().getItem(KEYS.name);
  },
  get caseNumber() {
    return store().getItem(KEYS.caseNumber);
  },
  set caseNumber(v) {
    v ? store().setItem(KEYS.caseNumber, v) : store().removeItem(KEYS.caseNumber);
  },
  get booking() {
    return readJson(KEYS.booking);
  },
  set booking(v) {
    writeJson(KEYS.booking, v);
  },
  /**
   * The form last sent for a case ({ caseNumber, form }), so a correction (补正) asked for later can start
   * from what was sent when the server's copy cannot be read. Gone at sign-out.
   */
  get sentForm() {
    return readJson(KEYS.sentForm);
  },
  set sentForm(v) {
    writeJson(KEYS.sentForm, v);
  },
  /**
   * The reference of the invitation link (服务找人) the page was opened from, kept across the sign-in's round trip
   * to the provider; resolved on the booking page (GET /v1/cases?invitation=…), gone once booked or at sign-out.
   */
  get invitation() {
    return store().getItem(KEYS.invitation);
  },
  set invitation(v) {
    v ? store().setItem(KEYS.invitation, v) : store().removeItem(KEYS.invitation);
  },
  signIn(token, idNumber, name) {
    // Someone else signing in on this device must not inherit the previous person's case or drafts.
    if (store().getItem(KEYS.id) !== idNumber) {
      this.caseNumber = null;
      this.booking = null;
      this.sentForm = null;
      forgetAllDrafts();
    }
    store().setItem(KEYS.token, token);
    store().setItem(KEYS.id, idNumber);
    store().setItem(KEYS.name, name);
  },
  clear() {
    for (const k of Object.values(KEYS)) store().removeItem(k);
    forgetAllDrafts();
  },
};
