// On the booking screen: someone who already has a case number goes straight to its progress.
import { $, clearErrors, fieldError } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { go } from '../lib/navigation.js';
import { tr } from '../lib/i18n.js';

export function setupResumeCase() {
  $('#resume-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = ev.currentTarget;
    clearErrors(f);
    const n = $('#resume-number').value.trim().toUpperCase();
    if (!/^RT\d{8}[0-9A-Z]{6}$/.test(n)) {
      fieldError(f, 'caseNumber', tr('办件编号以 RT 开头，共 16 位，请核对。'));
      $('#resume-number').focus();
      return;
    }
    session.caseNumber = n;
    session.booking = null;
    go('progress');
  });
}
