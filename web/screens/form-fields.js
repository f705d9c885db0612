// The application form's fields: filled from what the departments already know, read back as the API's body.
import { $, $$ } from '../lib/ui.js';

function setRadio(name, value) {
  for (const r of $$(`input[name="${name}"]`)) r.checked = r.value === String(value);
}

// Flexible late retirement needs the employer's agreement (办法 第三条): asked only when that option is chosen.
function agreementField() {
  let part = $('#f-agreement-part');
  if (!part) {
    part = document.createElement('div');
    part.className = 'field';
    part.id = 'f-agreement-part';
    part.dataset.path = 'retirement.employerAgreement';
    part.innerHTML =
      '<label class="choice block"><input type="checkbox" id="f-agreement"> <span>单位已经同意我推迟退休（推迟退休要和单位商量一致，并提前 1 个月写成书面材料）</span></label><p class="error" hidden></p>';
    $('.field[data-path="retirement.type"]').after(part);
    for (const r of $$('input[name="f-type"]')) r.addEventListener('change', () => agreementField());
  }
  part.hidden = $('input[name="f-type"]:checked')?.value !== 'flexible-late';
  return part;
}

/** @param {any} p the case's prefill */
export function fillForm(p) {
  agreementField();
  $('#f-name').value = p.applicant.name || '';
  $('#f-id').value = p.applicant.idNumber || '';
  setRadio('f-gender', p.applicant.gender || '');
  $('#f-birth').value = p.applicant.birthDate || '';
  $('#f-phone').value = p.applicant.phone || '';
  setRadio('f-original', p.retirement?.originalRetirementAge ?? '');
  $('#f-bank').value = p.bankAccount?.bankName || '';
  $('#f-account').value = p.bankAccount?.accountNo || '';
  setRadio('f-withdraw', p.housingFund?.withdraw ? 'yes' : 'no');
}

export function readForm() {
  const radio = (name) => $(`input[name="${name}"]:checked`)?.value;
  const orig = radio('f-original');
  const withdraw = radio('f-withdraw');
  return {
    applicant: {
      idNumber: $('#f-id').value.trim(),
      name: $('#f-name').value.trim(),
      gender: radio('f-gender'),
      birthDate: $('#f-birth').value,
      phone: $('#f-phone').value.trim(),
      address: $('#f-address').value.trim(),
    },
    retirement: {
      type: radio('f-type'),
      requestedMonth: $('#f-month').value.trim(),
      originalRetirementAge: orig ? Number(orig) : undefined,
      ...(radio('f-type') === 'flexible-late' ? { employerAgreement: $('#f-agreement').checked } : {}),
    },
    bankAccount: { bankName: $('#f-bank').value.trim(), accountNo: $('#f-account').value.replace(/\s+/g, '') },
    housingFund: { withdraw: withdraw === undefined ? undefined : withdraw === 'yes' },
    commitments: { informationTrue: $('#f-true').checked, dataSharingConsent: $('#f-consent').checked },
  };
}
