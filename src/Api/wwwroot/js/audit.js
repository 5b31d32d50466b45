import { api, startPage, programmeId, t, esc, money, when, showError, showInfo, categoryNames, clearFieldErrors, showFieldErrors } from '/js/app.js';

const me = await startPage({ roles: ['auditor', 'admin'] });
const names = await categoryNames();
const base = `/api/programmes/${programmeId()}/orgunits`;
const sources = ['nationalAllocation', 'provincialSubsidy', 'localGovernment', 'ownFunds', 'socialDonation'];
document.getElementById('rollup-unit').value = me.unit;
document.getElementById('spot-check-section').hidden = !me.roles.includes('auditor');

async function rollup() {
  const unit = document.getElementById('rollup-unit').value.trim();
  try {
    const r = await api(`${base}/${encodeURIComponent(unit)}/rollup`);
    document.getElementById('rollup-csv').href = `${base}/${encodeURIComponent(unit)}/rollup?format=csv`;
    document.querySelector('#money thead tr').innerHTML = `<th></th>${sources.map(s => `<th class="num">${esc(t(`source.${s}`))}</th>`).join('')}`;
    document.querySelector('#money tbody').innerHTML = ['granted', 'reserved', 'paid', 'available'].map(row => `
      <tr><th>${esc(t(`rollup.${row}`))}</th>${sources.map(s => `<td class="num">${esc(r[row][s])}</td>`).join('')}</tr>`).join('');
    document.querySelector('#recipients tbody').innerHTML = r.recipients.map(c => `
      <tr><td>${esc(names[c.category] ?? c.category)}</td><td class="num">${c.recipients}</td><td class="num">${esc(money(c.paid))}</td></tr>`).join('')
      || `<tr><td colspan="3" class="muted">${esc(t('audit.noRecipients'))}</td></tr>`;
  } catch (error) {
    showError(error);
  }
}

async function draws(select) {
  const draws = await api(`${base}/${me.unit}/spot-checks?limit=100`);
  const list = document.getElementById('draws');
  list.innerHTML = draws.items.map((id, i) => `<option value="${id}">${esc(t('audit.drawNumber', { n: draws.total - i }))}</option>`).join('');
  if (select) list.value = select;
  if (list.value) await showDraw(list.value);
}

async function showDraw(id) {
  const check = await api(`/api/spot-checks/${id}`);
  document.getElementById('draw-summary').textContent = t('audit.drawSummary', { percent: check.percent, population: check.population, drawn: check.lines.length, seed: check.seed });
  document.querySelector('#sample tbody').innerHTML = check.lines.map(l => `
    <tr data-case="${l.caseId}" data-check="${id}"><td><a href="/case.html?id=${l.caseId}">${esc(l.caseId)}</a></td><td>${esc(l.subUnit)}</td>
    <td>${l.verdict ? esc(t(`verdict.${l.verdict}`)) + (l.recoveryDue ? ` · ${esc(t('audit.recoveryDue'))}` : '') + ` — ${esc(l.note)}` : ''}</td>
    <td>${l.verdict ? '' : `<input class="note" placeholder="${esc(t('audit.note'))}">
      <button type="button" data-verdict="Confirmed">${esc(t('verdict.Confirmed'))}</button>
      <button type="button" data-verdict="Vetoed">${esc(t('verdict.Vetoed'))}</button>`}</td></tr>`).join('');
  document.getElementById('spot-journal').innerHTML = check.journal.map(e => `<li>${esc(when(e.at))} ${esc(e.actor)} ${esc(e.step)} ${esc(e.caseId ?? '')} ${esc(e.detail)}</li>`).join('');
}

document.getElementById('show-rollup').onclick = rollup;
document.getElementById('draws').onchange = event => showDraw(event.target.value).catch(showError);
document.getElementById('draw').onsubmit = async event => {
  event.preventDefault();
  const form = event.target;
  clearFieldErrors(form);
  try {
    const seed = form.seed.value.trim();
    const check = await api(`${base}/${me.unit}/spot-checks`, {
      method: 'POST', body: { percent: form.percent.value.trim() || null, seed: seed === '' ? null : Number(seed) },
    });
    await draws(check.id);
  } catch (error) {
    showFieldErrors(form, error.errors);
    showError(error);
  }
};
document.getElementById('sample').addEventListener('click', async event => {
  const button = event.target.closest('[data-verdict]');
  if (!button) return;
  const row = button.closest('[data-case]');
  try {
    await api(`/api/spot-checks/${row.dataset.check}/findings`, {
      method: 'POST', body: { caseId: row.dataset.case, verdict: button.dataset.verdict, note: row.querySelector('.note').value.trim() },
    });
    showInfo(t('audit.recorded'));
    await showDraw(row.dataset.check);
  } catch (error) {
    showError(error);
  }
});

await rollup();
if (me.roles.includes('auditor')) await draws().catch(showError);
