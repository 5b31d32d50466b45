// The trail of a paid case: from the household up through every level to the grants, by funding source.
import { api, startPage, param, t, esc, money, showError } from '/js/app.js';

await startPage({ needsProgramme: false });
const sources = ['nationalAllocation', 'provincialSubsidy', 'localGovernment', 'ownFunds', 'socialDonation'];
const bySource = amounts => sources.filter(s => Number(amounts[s]) !== 0).map(s => `${t(`source.${s}`)} ${money(amounts[s])}`).join('，');

try {
  const trace = await api(`/api/cases/${encodeURIComponent(param('case'))}/trace`);
  document.querySelector('#paid tbody').innerHTML = `<tr><th>${esc(t('finance.case'))}</th><td>${esc(trace.caseId)}</td></tr>
    <tr><th>${esc(t('trail.bySource'))}</th><td id="paid-sources">${esc(bySource(trace.paid))}</td></tr>`;
  document.querySelector('#hops tbody').innerHTML = trace.hops.map(h => `
    <tr><td>${esc(h.unit)}</td><td>${esc(t(`level.${h.level}`))}</td><td>${esc(bySource(h.amounts))}</td></tr>`).join('');
  document.querySelector('#origins tbody').innerHTML = trace.origins.map(o => `
    <tr><td>${esc(t(`source.${o.source.charAt(0).toLowerCase()}${o.source.slice(1)}`))}</td><td>${esc(o.unit)}</td>
    <td class="num">${esc(money(o.amount))}</td><td>${esc(o.grants.join(', '))}</td></tr>`).join('');
  // Each item of goods the household was given: its value by source, and where it was bought or donated.
  const goods = trace.goods || [];
  document.getElementById('goods-section').hidden = goods.length === 0;
  document.querySelector('#goods tbody').innerHTML = goods.map(g => `
    <tr data-item="${esc(g.item)}"><td>${esc(g.item)}</td><td class="num">${esc(g.quantity)} ${esc(g.unit)}</td><td>${esc(bySource(g.value.paid))}</td>
    <td>${esc(g.value.origins.map(o => `${t(`source.${o.source.charAt(0).toLowerCase()}${o.source.slice(1)}`)} ${o.unit} ${money(o.amount)}`).join('；'))}</td></tr>`).join('');
} catch (error) {
  showError(error);
}
