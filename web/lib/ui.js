// DOM helpers shared by the citizen pages and the staff console.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

// ---------- status line (aria-live) ----------
export function say(text, kind = 'info') {
  const el = $('#status');
  el.textContent = text || '';
  el.className = `status ${text ? kind : ''}`;
}

// ---------- field errors ----------
export function clearErrors(form) {
  for (const f of $$('.field', form)) {
    f.classList.remove('has-error');
    const e = $('.error', f);
    if (e) {
      e.hidden = true;
      e.textContent = '';
    }
    for (const input of $$('input, select, textarea', f)) input.removeAttribute('aria-invalid');
  }
}

function fieldFor(form, path) {
  return $$('.field', form).find((f) => f.dataset.path === path);
}

/** The input a person should be taken to for this data-path: the first one they can type into. */
export function firstInput(form, path) {
  const field = fieldFor(form, path);
  return field && $('input:not([type=hidden]):not([readonly]), select, textarea', field);
}

/** Shows a message under the field whose data-path matches; returns false when no such field exists. */
export function fieldError(form, path, message) {
  const field = fieldFor(form, path);
  if (!field) return false;
  field.classList.add('has-error');
  const e = $('.error', field);
  if (!e.id) e.id = `err-${path.replace(/[^a-zA-Z0-9]/g, '-')}`;
  e.textContent = message;
  e.hidden = false;
  for (const input of $$('input, select, textarea', field)) {
    input.setAttribute('aria-invalid', 'true');
    const ids = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
    ids.add(e.id);
    input.setAttribute('aria-describedby', [...ids].join(' '));
  }
  return true;
}

// ---------- buttons ----------
/** Disables a button and says what is happening on it while a request runs; restores its label after. */
export function busy(button, on, text) {
  if (on) {
    button.dataset.label = button.textContent;
    button.textContent = text || '请稍候…';
    button.disabled = true;
  } else {
    button.textContent = button.dataset.label || button.textContent;
    button.disabled = false;
  }
}
