// The citizen's sign-in and open case, kept in sessionStorage so they are gone when the browser tab closes.
const KEYS = { token: 'ro.token', id: 'ro.idNumber', name: 'ro.name', caseNumber: 'ro.caseNumber', booking: 'ro.booking', sentForm: 'ro.sentForm' };

export const session = {
  get token() {
    return sessionStorage.getItem(KEYS.token);
  },
  get idNumber() {
    return sessionStorage.getItem(KEYS.id);
  },
  get name() {
    return sessionStorage.getItem(KEYS.name);
  },
  get caseNumber() {
    return sessionStorage.getItem(KEYS.caseNumber);
  },
  set caseNumber(v) {
    v ? sessionStorage.setItem(KEYS.caseNumber, v) : sessionStorage.removeItem(KEYS.caseNumber);
  },
  get booking() {
    try {
      return JSON.parse(sessionStorage.getItem(KEYS.booking) || 'null');
    } catch {
      return null;
    }
  },
  set booking(v) {
    v ? sessionStorage.setItem(KEYS.booking, JSON.stringify(v)) : sessionStorage.removeItem(KEYS.booking);
  },
  /**
   * The form this tab last sent for a case ({ caseNumber, form }), so a correction (补正) asked for later starts
   * from what was sent. Kept in sessionStorage like the sign-in: gone when the tab closes or at sign-out.
   */
  get sentForm() {
    try {
      return JSON.parse(sessionStorage.getItem(KEYS.sentForm) || 'null');
    } catch {
      return null;
    }
  },
  set sentForm(v) {
    v ? sessionStorage.setItem(KEYS.sentForm, JSON.stringify(v)) : sessionStorage.removeItem(KEYS.sentForm);
  },
  signIn(token, idNumber, name) {
    // Someone else signing in on this tab must not inherit the previous person's case.
    if (sessionStorage.getItem(KEYS.id) !== idNumber) {
      this.caseNumber = null;
      this.booking = null;
      this.sentForm = null;
    }
    sessionStorage.setItem(KEYS.token, token);
    sessionStorage.setItem(KEYS.id, idNumber);
    sessionStorage.setItem(KEYS.name, name);
  },
  clear() {
    for (const k of Object.values(KEYS)) sessionStorage.removeItem(k);
  },
};
