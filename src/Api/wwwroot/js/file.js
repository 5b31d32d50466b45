import { api, startPage, programmeId, param, t, esc, money, showError, showInfo, clearFieldErrors, showFieldErrors } from '/js/app.js';

const me = await startPage({ roles: ['clerk'] });
const form = document.getElementById('case-form');
const amending = param('amend');

const programme = await api(`/api/programmes/${programmeId()}`);
form.elements['applicant.category'].innerHTML = programme.terms.categories
  .map(c => `<option value="${esc(c.code)}">${esc(c.name)} (${esc(money(c.standard))})</option>`).join('');

function body() {
  const value = name => form.elements[name].value.trim();
  return {
    applicant: {
      name: value('applicant.name'),
      idNumber: value('applicant.idNumber'),
      householdSize: value('applicant.householdSize') === '' ? null : Number(value('applicant.householdSize')),
      monthlyIncomePerHead: value('applicant.monthlyIncomePerHead') || null,
      category: value('applicant.category'),
      reason: value('applicant.reason'),
    },
    amount: value('amount') || null,
  };
}

if (amending) {
  document.getElementById('form-title').textContent = t('file.amend');
  const view = await api(`/api/cases/${amending}`);
  const a = view.applicant;
  for (const [name, value] of Object.entries({ name: a.name, idNumber: a.idNumber, householdSize: a.householdSize, monthlyIncomePerHead: a.monthlyIncomePerHead, category: a.category, reason: a.reason })) {
    form.elements[`applicant.${name}`].value = value ?? '';
  }
}

form.onsubmit = async event => {
  event.preventDefault();
  clearFieldErrors(form);
  try {
    const view = amending
      ? await api(`/api/cases/${amending}`, { method: 'PUT', body: body() })
      : await api(`/api/programmes/${programmeId()}/cases`, { method: 'POST', body: body() });
    showInfo(t(amending ? 'file.amended' : 'file.filed', { id: view.id }));
    if (!amending) form.reset();
    await returned();
  } catch (error) {
    showFieldErrors(form, error.errors);
    showError(error);
  }
};

document.getElementById('upload').onclick = () => {
  const file = document.getElementById('csv').files[0];
  if (!file) return;
  const progress = document.getElementById('upload-progress');
  progress.hidden = false;
  progress.value = 0;
  const request = new XMLHttpRequest();
  request.open('POST', `/api/programmes/${programmeId()}/cases/batch`);
  request.setRequestHeader('Authorization', `Bearer ${sessionStorage.getItem('relief.token')}`);
  request.setRequestHeader('Content-Type', 'text/csv');
  request.upload.onprogress = e => { if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 90); };
  request.onload = () => {
    progress.value = 100;
    const result = JSON.parse(request.responseText || '{}');
    if (request.status !== 200) {
      showError({ message: result.detail || result.title, errors: result.errors || {} });
      return;
    }
    document.getElementById('batch-summary').textContent = t('file.batchSummary', { filed: result.filed, refused: result.refused });
    document.querySelector('#batch tbody').innerHTML = result.rows.map(row => `
      <tr class="${row.caseId ? '' : 'overdue'}"><td>${row.row}</td><td>${row.caseId
        ? `<a href="/case.html?id=${row.caseId}">${esc(t('file.rowFiled'))}</a>`
        : esc(row.detail || Object.entries(row.errors || {}).map(([f, r]) => `${f}: ${r.join('; ')}`).join(' | '))}</td></tr>`).join('');
  };
  request.onerror = () => showError(new Error(t('error.network')));
  request.send(file);
};

async function returned() {
  const result = await api(`/api/orgunits/${me.unit}/queue?programme=${programmeId()}&waitingFor=amendment&limit=50`);
  document.querySelector('#returned tbody').innerHTML = result.items.map(line => `
    <tr><td>${esc(line.maskedName)}</td><td>${esc(line.category)}</td><td class="num">${esc(money(line.amount))}</td>
    <td><a href="/case.html?id=${line.caseId}">${esc(t('queue.open'))}</a> · <a href="/file.html?amend=${line.caseId}">${esc(t('file.amendLink'))}</a></td></tr>`).join('')
    || `<tr><td colspan="4" class="muted">${esc(t('file.noneReturned'))}</td></tr>`;
}

try {
  await returned();
} catch (error) {
  showError(error);
}
