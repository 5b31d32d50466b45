import { api, startPage, programmeId, t, esc, money, when, pager, showError, translate, categoryNames } from '/js/app.js';

const me = await startPage({ roles: ['approver', 'committee', 'clerk'] });
const names = await categoryNames();
const limit = 50;
let offset = 0;
let page = [];

// What the inbox shows: decisions (an approver's), or amendments and other tasks (a visit, a hand-over, a vote's… ).
const waitingFor = () => document.getElementById('filter-waiting-for').value;
const decisions = () => waitingFor() === 'decision' && me.roles.includes('approver');

const filters = () => {
  const query = new URLSearchParams({ programme: programmeId(), offset, limit });
  const category = document.getElementById('filter-category').value.trim();
  const branch = document.getElementById('filter-branch').value.trim();
  if (category) query.set('category', category);
  if (branch) query.set('branch', branch);
  if (document.getElementById('filter-overdue').checked) query.set('overdue', 'true');
  query.set('waitingFor', waitingFor());
  return query;
};

async function load(at = 0) {
  offset = at;
  try {
    const result = await api(`/api/orgunits/${me.unit}/queue?${filters()}`);
    const overdue = await api(`/api/orgunits/${me.unit}/queue?programme=${programmeId()}&waitingFor=${waitingFor()}&overdue=true&limit=1`);
    page = result.items;
    document.getElementById('counts').textContent = t('queue.counts', { total: result.total, overdue: overdue.total });
    document.querySelector('#queue tbody').innerHTML = page.map(line => `
      <tr class="${line.overdue ? 'overdue' : ''}" data-case="${line.caseId}" data-task="${line.taskId}">
        <td>${decisions() ? `<input type="checkbox" class="pick" value="${line.caseId}">` : ''}</td>
        <td>${esc(line.title)}</td><td>${esc(line.maskedName)}</td><td>${esc(line.branchCode)}</td><td>${esc(names[line.category] ?? line.category)}</td>
        <td class="num">${esc(money(line.amount))}</td><td>${esc(when(line.waitingSince))}</td>
        <td>${esc(when(line.dueAt))} ${line.overdue ? `<span class="badge overdue">${esc(t('queue.overdue'))}</span>` : ''}</td>
        <td><a href="/case.html?id=${line.caseId}">${esc(t('queue.open'))}</a></td>
      </tr>`).join('') || `<tr><td colspan="9" class="muted">${esc(t('queue.empty'))}</td></tr>`;
    pager(document.getElementById('queue-pager'), { offset, limit, total: result.total }, load);
    document.getElementById('select-all').checked = false;
    document.getElementById('bulk').hidden = !decisions();
    picked();
  } catch (error) {
    showError(error);
  }
}

function picked() {
  const ids = [...document.querySelectorAll('#queue .pick:checked')].map(box => box.value);
  document.getElementById('approve-selected').disabled = ids.length === 0;
  return ids;
}

document.querySelector('#queue tbody').addEventListener('change', picked);
document.getElementById('select-all').onchange = event => {
  document.querySelectorAll('#queue .pick').forEach(box => { box.checked = event.target.checked; });
  picked();
};
document.getElementById('apply-filters').onclick = () => load(0);
document.getElementById('filter-waiting-for').onchange = () => load(0);
// A committee's votes are decisions (by the committee, not one approver); a clerk's work is tasks.
if (!me.roles.includes('approver') && !me.roles.includes('committee')) {
  document.getElementById('filter-waiting-for').value = 'task';
}
document.getElementById('approve-selected').onclick = async () => {
  const ids = picked();
  const cases = page.filter(line => ids.includes(line.caseId)).map(line => ({ id: line.caseId, version: line.caseVersion }));
  try {
    const { results } = await api('/api/cases/decisions', { method: 'POST', body: { decision: 'approve', cases } });
    const done = results.filter(r => r.status === 200).length;
    document.getElementById('bulk-result').textContent = t('queue.bulkResult', { done, failed: results.length - done });
    await load(offset);
  } catch (error) {
    showError(error);
  }
};

// An allocation plan's receipt overdue at a child is finance's to follow up, on the plans page.
const opener = line => line.waitingFor !== 'Allocation'
  ? `<a href="/case.html?id=${line.caseId}">${esc(t('queue.open'))}</a>`
  : me.roles.includes('finance') ? `<a href="/plans.html?plan=${line.caseId}&unit=${line.branchCode}">${esc(line.title)}</a>` : esc(line.title);

async function escalations() {
  try {
    const result = await api(`/api/orgunits/${me.unit}/escalations?programme=${programmeId()}`);
    document.querySelector('#escalations tbody').innerHTML = result.items.map(line => `
      <tr><td>${esc(line.maskedName)}</td><td>${esc(line.unitCode)}</td><td>${esc(when(line.waitingSince))}</td>
      <td>${esc(when(line.dueAt))}</td><td>${opener(line)}</td></tr>`).join('')
      || `<tr><td colspan="5" class="muted">${esc(t('queue.noEscalations'))}</td></tr>`;
  } catch (error) {
    showError(error);
  }
}

translate(document);
await load(0);
await escalations();
