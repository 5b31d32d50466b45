import { api, startPage, programmeId, t, esc, money, when, pager, showError, showInfo, clearFieldErrors, showFieldErrors } from '/js/app.js';
import { startStock } from '/js/stock.js';

const me = await startPage({ roles: ['finance'] });
const base = `/api/programmes/${programmeId()}/orgunits`;
const sources = ['nationalAllocation', 'provincialSubsidy', 'localGovernment', 'ownFunds', 'socialDonation'];
const rows = ['received', 'allocatedDown', 'reserved', 'paid', 'returned', 'spentOnGoods', 'available'];
const isBranch = me.unit.split('-').length === 5;

async function account() {
  const a = await api(`${base}/${me.unit}/account`);
  document.querySelector('#account thead tr').innerHTML = `<th></th>${sources.map(s => `<th class="num">${esc(t(`source.${s}`))}</th>`).join('')}<th class="num">${esc(t('finance.total'))}</th>`;
  document.querySelector('#account tbody').innerHTML = rows.map(row => `
    <tr data-row="${row}"><th>${esc(t(`balance.${row}`))}</th>${sources.map(s => `<td class="num">${esc(a[row][s])}</td>`).join('')}
    <td class="num">${esc(a.totals[row])}</td></tr>`).join('');
  document.getElementById('receipts').innerHTML = a.awaitingReceipt.map(id => `
    <li>${esc(id)} <button type="button" data-receipt="${id}">${esc(t('finance.confirm'))}</button></li>`).join('')
    || `<li class="muted">${esc(t('finance.noReceipts'))}</li>`;
}

async function children() {
  const unit = await api(`/api/orgunits/${me.unit}?childrenLimit=200`);
  const kids = unit.children.items;
  document.getElementById('allocate-section').hidden = kids.length === 0;
  document.querySelector('#allocate [name=child]').innerHTML = kids.map(c => `<option value="${c.code}">${esc(c.code)} ${esc(c.name)}</option>`).join('');
  // The flow chart: what each child has received of this unit's money, and what it has paid out below.
  const accounts = await Promise.all(kids.map(async c => ({ child: c, account: await api(`${base}/${c.code}/account`) })));
  const max = Math.max(1, ...accounts.map(x => Number(x.account.totals.received)));
  document.getElementById('flow').innerHTML = accounts.map(({ child, account: a }) => `
    <span>${esc(child.name)}</span>
    <div><div class="bar" style="width:${(Number(a.totals.received) / max) * 100}%" title="${esc(t('balance.received'))}"></div>
      <div class="bar" style="width:${(Number(a.totals.paid) / max) * 100}%;background:var(--ok)" title="${esc(t('balance.paid'))}"></div></div>
    <span class="num">${esc(money(a.totals.received))} / ${esc(money(a.totals.paid))}</span>`).join('')
    || `<span class="muted">${esc(t('finance.noChildren'))}</span>`;
}

async function payments() {
  document.getElementById('payments-section').hidden = !isBranch;
  if (!isBranch) return;
  const unpaid = await api(`${base}/${me.unit}/unpaid?limit=200`);
  document.querySelector('#payments tbody').innerHTML = unpaid.items.map(c => `
    <tr data-case="${c.caseId}"><td><a href="/case.html?id=${c.caseId}">${esc(c.caseId)}</a></td><td class="num">${esc(money(c.amount))}</td>
    <td><select class="method"><option value="BankTransfer">${esc(t('method.BankTransfer'))}</option><option value="Cash">${esc(t('method.Cash'))}</option><option value="Goods">${esc(t('method.Goods'))}</option></select>
      <input class="reference" data-i18n-placeholder="finance.reference" placeholder="${esc(t('finance.reference'))}">
      <button type="button" class="pay">${esc(t('finance.pay'))}</button></td></tr>`).join('')
    || `<tr><td colspan="3" class="muted">${esc(t('finance.nothingToPay'))}</td></tr>`;
}

async function ledger(offset = 0) {
  const page = await api(`${base}/${me.unit}/ledger?offset=${offset}&limit=20`);
  document.querySelector('#statement tbody').innerHTML = page.items.map(e => `
    <tr><td>${esc(when(e.at))}</td><td>${esc(t(`ledger.${e.kind}`))}</td><td class="num">${esc(money(e.amount ?? e.amounts?.total))}</td><td>${esc(e.actor)}</td><td>${esc(e.reference ?? '')}</td></tr>`).join('');
  pager(document.getElementById('ledger-pager'), { offset, limit: 20, total: page.total }, at => ledger(at).catch(showError));
}

document.getElementById('receipts').addEventListener('click', async event => {
  const id = event.target.dataset.receipt;
  if (!id) return;
  try {
    await api(`${base}/${me.unit}/receipts/${id}`, { method: 'POST' });
    showInfo(t('finance.confirmed'));
    await account();
  } catch (error) {
    showError(error);
  }
});

document.getElementById('allocate').onsubmit = async event => {
  event.preventDefault();
  const form = event.target;
  clearFieldErrors(form);
  const recipients = form.recipients.value.trim();
  try {
    await api(`${base}/${me.unit}/allocations`, {
      method: 'POST',
      body: { child: form.child.value, amount: form.amount.value.trim() || null, recipients: recipients === '' ? null : Number(recipients) },
    });
    showInfo(t('finance.allocated'));
    await Promise.all([account(), children()]);
  } catch (error) {
    showFieldErrors(form, error.errors);
    showError(error);
  }
};

document.getElementById('payments').addEventListener('click', async event => {
  if (!event.target.classList.contains('pay')) return;
  const row = event.target.closest('[data-case]');
  try {
    await api(`/api/cases/${row.dataset.case}/payment`, {
      method: 'POST', body: { method: row.querySelector('.method').value, reference: row.querySelector('.reference').value.trim() },
    });
    showInfo(t('finance.paid'));
    location.href = `/trail.html?case=${row.dataset.case}`;
  } catch (error) {
    showError(error);
  }
});

// Goods bought or passed down move money too (stock.js): the balances and the ledger follow.
document.addEventListener('relief:stock-changed', () => Promise.all([account(), ledger()]).catch(showError));

document.getElementById('trail-form').onsubmit = event => {
  event.preventDefault();
  location.href = `/trail.html?case=${encodeURIComponent(event.target.case.value.trim())}`;
};

try {
  await Promise.all([account(), children(), payments(), ledger(), startStock(me)]);
} catch (error) {
  showError(error);
}
