import { api, startPage, programmeId, t, esc, money, when, param, unitLabel, showError, showInfo, clearFieldErrors, showFieldErrors } from '/js/app.js';

// Allocation plans (分配方案): a unit's finance officer splits money and places among all its children at once, another
// approves it, each child confirms its share. The page lists the unit's plan tasks and plans, prepares one (typed,
// proposed from last season, or from a CSV), and opens one plan (?plan=…&unit=…) to decide, revise or confirm it.
const me = await startPage({ roles: ['finance'] });
const base = `/api/programmes/${programmeId()}/orgunits`;
const sourceKeys = ['nationalAllocation', 'provincialSubsidy', 'localGovernment', 'ownFunds', 'socialDonation'];
let children = [];
let opened = null;
// Names of this unit and the one above it: a plan's tasks here are this unit's own or its parent's.
const unitNames = {};

const status = s => esc(t(`plans.status.${s}`));
const planLink = (id, unit) => `/plans.html?plan=${id}&unit=${unit}`;

async function tasks() {
  const [mine, late] = await Promise.all([
    api(`/api/orgunits/${me.unit}/queue?programme=${programmeId()}&waitingFor=allocation&limit=200`),
    api(`/api/orgunits/${me.unit}/escalations?programme=${programmeId()}&limit=200`),
  ]);
  document.querySelector('#tasks tbody').innerHTML = mine.items.map(line => `
    <tr class="${line.overdue ? 'overdue' : ''}" data-plan="${line.caseId}" data-node="${esc(line.node)}">
      <td>${esc(line.title)}</td><td>${esc(line.maskedName)}</td><td>${unitLabel(line.branchCode, unitNames[line.branchCode])}</td><td class="num">${esc(money(line.amount))}</td>
      <td>${esc(when(line.dueAt))} ${line.overdue ? `<span class="badge overdue">${esc(t('queue.overdue'))}</span>` : ''}</td>
      <td><a href="${planLink(line.caseId, line.branchCode)}">${esc(t('queue.open'))}</a></td></tr>`).join('')
    || `<tr><td colspan="6" class="muted">${esc(t('plans.noTasks'))}</td></tr>`;
  const overdue = late.items.filter(line => line.waitingFor === 'Allocation');
  document.querySelector('#overdue tbody').innerHTML = overdue.map(line => `
    <tr data-plan="${line.caseId}" data-child="${esc(line.unitCode)}"><td>${unitLabel(line.unitCode, children.find(c => c.code === line.unitCode)?.name)}</td>
      <td>${esc(line.maskedName)}</td><td class="num">${esc(money(line.amount))}</td><td>${esc(when(line.dueAt))} <span class="badge overdue">${esc(t('queue.overdue'))}</span></td>
      <td><a href="${planLink(line.caseId, me.unit)}">${esc(t('queue.open'))}</a></td></tr>`).join('')
    || `<tr><td colspan="5" class="muted">${esc(t('plans.noOverdue'))}</td></tr>`;
}

async function list() {
  const page = await api(`${base}/${me.unit}/plans?limit=100`);
  document.querySelector('#plans tbody').innerHTML = page.items.map(p => `
    <tr data-plan="${p.id}"><td>${esc(p.title)}</td><td>${status(p.status)}</td><td class="num">${esc(money(p.total))}</td><td class="num">${esc(p.recipients)}</td>
      <td>${esc(t('plans.receivedOf', { received: p.received, children: p.children }))}</td><td>${esc(p.preparedBy)}<br><span class="muted">${esc(when(p.preparedAt))}</span></td>
      <td><a href="${planLink(p.id, me.unit)}">${esc(t('queue.open'))}</a></td></tr>`).join('')
    || `<tr><td colspan="7" class="muted">${esc(t('plans.none'))}</td></tr>`;
}

/** The prepare form: one row per child, filled from a plan, a proposal or nothing. */
function fillLines(lines = [], weights = {}) {
  const byChild = Object.fromEntries(lines.map(l => [l.child, l]));
  document.querySelector('#prepare-lines tbody').innerHTML = children.map((c, i) => `
    <tr data-child="${c.code}"><td>${unitLabel(c.code, c.name)}</td><td class="num">${esc(weights[c.code] ?? '')}</td>
      <td><input name="amount-${i}" inputmode="decimal" size="12" value="${esc(byChild[c.code]?.amount ?? '')}"><span class="field-error" data-for="lines[${i}].amount"></span>
        <span class="field-error" data-for="lines[${i}].child"></span><span class="field-error" data-for="lines[${i}].sources"></span></td>
      <td><input name="recipients-${i}" type="number" min="0" size="6" value="${esc(byChild[c.code]?.recipients ?? '')}"><span class="field-error" data-for="lines[${i}].recipients"></span></td></tr>`).join('');
  totals();
}

function totals() {
  const form = document.getElementById('prepare');
  const fen = children.reduce((sum, _, i) => sum + Math.round(Number(form[`amount-${i}`].value || 0) * 100), 0);
  const places = children.reduce((sum, _, i) => sum + Number(form[`recipients-${i}`].value || 0), 0);
  document.getElementById('prepare-total').textContent = Number.isFinite(fen) ? money((fen / 100).toFixed(2)) : '';
  document.getElementById('prepare-places').textContent = Number.isFinite(places) ? String(places) : '';
}

function typedPlan() {
  const form = document.getElementById('prepare');
  return {
    title: form.elements.title.value.trim(),
    note: form.note.value.trim() || null,
    basis: form.dataset.basis || 'Typed',
    lines: children.map((c, i) => {
      const places = form[`recipients-${i}`].value.trim();
      return { child: c.code, amount: form[`amount-${i}`].value.trim() || null, recipients: places === '' ? 0 : Number(places) };
    }),
  };
}

async function earlierProgrammes() {
  const { items } = await api('/api/programmes');
  document.querySelector('#proposal [name=from]').innerHTML = items.filter(p => p.id !== programmeId())
    .map(p => `<option value="${p.id}">${esc(p.name)}</option>`).join('');
}

async function show(id, unit) {
  // The unit's own plan whole; a parent's plan as this unit's share of it.
  opened = await api(unit === me.unit ? `${base}/${unit}/plans/${id}` : `${base}/${me.unit}/plans/${id}/share`);
  const p = opened;
  document.getElementById('plan-section').hidden = false;
  document.getElementById('plan-title').textContent = p.title;
  const badge = document.getElementById('plan-status');
  badge.textContent = t(`plans.status.${p.status}`);
  badge.dataset.status = p.status;
  document.getElementById('plan-unit').innerHTML = unitLabel(p.unit, p.unitName);
  document.getElementById('plan-totals').textContent = t('plans.totals', { total: money(p.total), recipients: p.recipients });
  document.getElementById('plan-who').textContent = t('plans.who', { preparedBy: p.preparedBy, at: when(p.preparedAt), submittedBy: p.submittedBy });
  document.querySelector('#plan-lines tbody').innerHTML = p.lines.map(l => `
    <tr data-child="${l.child}"><td>${unitLabel(l.child, l.name)}</td><td class="num">${esc(money(l.amount))}</td>
      <td>${l.sources ? sourceKeys.filter(s => l.sources[s] && l.sources[s] !== '0.00').map(s => `${esc(t(`source.${s}`))} ${esc(money(l.sources[s]))}`).join('、') : esc(t('plans.inProportion'))}</td>
      <td class="num">${esc(l.recipients)}</td>
      <td>${l.received ? `✓ ${esc(t('plans.received'))}` : l.allocationId ? esc(t('plans.inTransit')) : ''}</td></tr>`).join('');
  const own = p.tasks.find(task => task.unit === me.unit && task.node !== 'receipts');
  const receipt = p.tasks.find(task => task.unit === me.unit && task.node === 'receipts');
  document.getElementById('review').hidden = !(own && own.outcomes.includes('approve'));
  document.getElementById('revise').hidden = !(own && own.outcomes.includes('resubmit'));
  document.getElementById('receipt').hidden = !receipt;
  document.querySelector('#plan-journal tbody').innerHTML = p.journal.map(j => `
    <tr><td>${esc(when(j.at))}</td><td>${esc(t(`plans.step.${j.kind}${j.outcome ? `.${j.outcome}` : ''}`))}</td><td>${esc(j.actor)}</td><td>${esc(j.detail ?? '')}</td></tr>`).join('');
  // Opened, the plan is what the page is about: the prepare form shows only to revise a returned plan, filled with what it says.
  document.getElementById('prepare-section').hidden = !(own && own.outcomes.includes('resubmit'));
  if (own && own.outcomes.includes('resubmit')) {
    document.getElementById('prepare-heading').textContent = t('plans.revise');
    document.getElementById('submit-plan').textContent = t('plans.resubmit');
    document.getElementById('prepare').elements.title.value = p.title;
    fillLines(p.lines);
  }
}

document.getElementById('prepare').addEventListener('input', totals);
document.querySelector('#proposal [name=basis]').onchange = event => {
  document.querySelector('#proposal [name=from]').closest('label').hidden = event.target.value !== 'lastSeasonRecipients';
};

document.getElementById('prepare').onsubmit = async event => {
  event.preventDefault();
  const form = event.target;
  clearFieldErrors(form);
  try {
    const revising = opened && !document.getElementById('revise').hidden;
    const plan = revising
      ? await api(`${base}/${me.unit}/plans/${opened.id}/decisions`, { method: 'POST', body: { decision: 'resubmit', revised: typedPlan() } })
      : await api(`${base}/${me.unit}/plans`, { method: 'POST', body: typedPlan() });
    location.href = planLink(plan.id, me.unit);
  } catch (error) {
    // A revision's problems come under "revised." — shown beside the same fields.
    showFieldErrors(form, Object.fromEntries(Object.entries(error.errors || {}).map(([k, v]) => [k.replace(/^revised\./, ''), v])));
    showError(error);
  }
};

document.getElementById('proposal').onsubmit = async event => {
  event.preventDefault();
  const form = event.target;
  clearFieldErrors(form);
  try {
    const query = new URLSearchParams({ basis: form.basis.value, amount: form.amount.value.trim(), recipients: form.recipients.value.trim() || '0' });
    if (form.basis.value === 'lastSeasonRecipients') query.set('from', form.from.value);
    const proposal = await api(`${base}/${me.unit}/plans/proposal?${query}`);
    fillLines(proposal.lines, Object.fromEntries(proposal.lines.map(l => [l.child, l.weight])));
    document.getElementById('weight-heading').textContent = t(`plans.basis.${form.basis.value}`);
    document.getElementById('prepare').dataset.basis = proposal.basis;
    showInfo(t('plans.proposed'));
  } catch (error) {
    showFieldErrors(form, error.errors);
    showError(error);
  }
};

document.getElementById('upload').onsubmit = async event => {
  event.preventDefault();
  const form = event.target;
  clearFieldErrors(form);
  const file = form.file.files[0];
  const title = document.getElementById('prepare').elements.title.value.trim();
  try {
    const plan = await api(`${base}/${me.unit}/plans/csv?title=${encodeURIComponent(title)}`, { method: 'POST', body: file ? await file.text() : '', raw: true, contentType: 'text/csv' });
    location.href = planLink(plan.id, me.unit);
  } catch (error) {
    showFieldErrors(form, error.errors);
    showFieldErrors(document.getElementById('prepare'), error.errors);
    showError(error);
  }
};

document.getElementById('review').addEventListener('click', async event => {
  const decision = event.target.dataset.decision;
  if (!decision) return;
  const form = document.getElementById('review');
  clearFieldErrors(form);
  try {
    await api(`${base}/${opened.unit}/plans/${opened.id}/decisions`, { method: 'POST', body: { decision, note: form.note.value.trim() || null } });
    showInfo(t(`plans.decided.${decision}`));
    await Promise.all([show(opened.id, opened.unit), tasks(), list()]);
  } catch (error) {
    showFieldErrors(form, error.errors);
    showError(error);
  }
});

document.getElementById('withdraw').onclick = async () => {
  try {
    await api(`${base}/${opened.unit}/plans/${opened.id}/decisions`, { method: 'POST', body: { decision: 'withdraw' } });
    location.href = planLink(opened.id, opened.unit);
  } catch (error) {
    showError(error);
  }
};

document.getElementById('confirm-receipt').onclick = async () => {
  try {
    await api(`${base}/${me.unit}/plans/${opened.id}/receipt`, { method: 'POST' });
    showInfo(t('plans.confirmed'));
    await Promise.all([show(opened.id, opened.unit), tasks()]);
  } catch (error) {
    showError(error);
  }
};

try {
  const unit = await api(`/api/orgunits/${me.unit}?childrenLimit=200`);
  children = unit.children.items;
  unitNames[unit.code] = unit.name;
  if (unit.parent) unitNames[unit.parent.code] = unit.parent.name;
  document.getElementById('prepare-section').hidden = children.length === 0;
  document.getElementById('overdue-section').hidden = children.length === 0;
  fillLines();
  await Promise.all([tasks(), list(), children.length ? earlierProgrammes() : null]);
  if (param('plan')) await show(param('plan'), param('unit') || me.unit);
} catch (error) {
  showError(error);
}
