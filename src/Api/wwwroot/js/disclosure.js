// The year-end public account of a programme's fund at a unit (收支公开): income, spending, goods, what is left; printable.
import { api, startPage, programmeId, param, t, esc, money, unitLabel, showError } from '/js/app.js';

const me = await startPage({ roles: ['finance', 'auditor', 'admin'] });
const unit = param('unit') || me.unit;
const base = `/api/programmes/${programmeId()}/orgunits/${encodeURIComponent(unit)}/disclosure`;
const sources = ['nationalAllocation', 'provincialSubsidy', 'localGovernment', 'ownFunds', 'socialDonation'];
const total = amounts => sources.reduce((sum, s) => sum + Math.round(Number(amounts[s]) * 100), 0);
const yuan = fen => money((fen / 100).toFixed(2));
const lot = l => (l.quantity ? `${l.quantity} · ${money(l.value)}` : '—');

try {
  const d = await api(base);
  document.getElementById('disclosure-title').textContent = t('disclosure.titleOf', { programme: d.programme });
  document.getElementById('disclosure-unit').textContent = `${d.unitName || ''} ${d.unit}`.trim();
  document.getElementById('csv').href = `${base}?format=csv`;
  document.getElementById('print').onclick = () => window.print();
  document.querySelector('#income thead tr').innerHTML = `<th></th>${sources.map(s => `<th class="num">${esc(t(`source.${s}`))}</th>`).join('')}<th class="num">${esc(t('finance.total'))}</th>`;
  document.querySelector('#income tbody').innerHTML = [['disclosure.fromAbove', d.fromAbove], ['disclosure.raised', d.raised], ['disclosure.incomeTotal', d.income]]
    .map(([key, amounts]) => `<tr><th>${esc(t(key))}</th>${sources.map(s => `<td class="num">${esc(money(amounts[s]))}</td>`).join('')}
      <td class="num">${esc(yuan(total(amounts)))}</td></tr>`).join('');
  document.querySelector('#paid tbody').innerHTML = d.paid.map(c => `
    <tr data-category="${esc(c.category)}"><td>${unitLabel(c.category, c.categoryName)}</td><td class="num">${esc(c.recipients)}</td><td class="num">${esc(money(c.amount))}</td></tr>`).join('')
    || `<tr><td colspan="3" class="muted">${esc(t('disclosure.none'))}</td></tr>`;
  document.querySelector('#goods tbody').innerHTML = d.goods.map(g => `
    <tr data-item="${esc(g.item)}"><td>${esc(g.item)}（${esc(g.unit)}）</td><td class="num">${esc(lot(g.fromAbove))}</td><td class="num">${esc(lot(g.bought))}</td>
      <td class="num">${esc(lot(g.donated))}</td><td class="num">${esc(lot(g.issued))}</td><td class="num">${esc(lot(g.left))}</td></tr>`).join('')
    || `<tr><td colspan="6" class="muted">${esc(t('disclosure.none'))}</td></tr>`;
  document.querySelector('#summary tbody').innerHTML = [['disclosure.paidTotal', d.paidTotal], ['disclosure.spentOnGoods', d.spentOnGoods],
    ['disclosure.returnedUp', d.returnedUp], ['disclosure.leftMoney', d.left]]
    .map(([key, amounts]) => `<tr><th>${esc(t(key))}</th><td class="num" data-total="${key}">${esc(yuan(total(amounts)))}</td></tr>`).join('');
  const balances = document.getElementById('balances');
  balances.textContent = t(d.balances ? 'disclosure.balances' : 'disclosure.inFlight');
  balances.className = d.balances ? 'ok' : 'warning';
} catch (error) {
  showError(error);
}
