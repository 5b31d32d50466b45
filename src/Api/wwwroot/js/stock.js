// The finance page's goods in kind: the unit's stock by item, and goods bought, donated or passed down.
// Shown only for a programme that keeps stock (its terms list items); started by finance.js once the page is.
import { api, programmeId, t, esc, money, showError, showInfo, clearFieldErrors, showFieldErrors } from '/js/app.js';

let unitBase = '';
const lot = l => (l.quantity ? `${l.quantity} · ${money(l.value)}` : '—');
const parts = ['received', 'inTransit', 'passedDown', 'setAside', 'issued', 'onHand'];

async function stock() {
  const lines = await api(`${unitBase}/stock`);
  document.querySelector('#stock tbody').innerHTML = lines.map(line => `
    <tr data-item="${esc(line.item)}"><td>${esc(line.item)}（${esc(line.unit)}）</td>${parts.map(p => `<td class="num" data-part="${p}">${esc(lot(line[p]))}</td>`).join('')}</tr>`).join('')
    || `<tr><td colspan="7" class="muted">${esc(t('disclosure.none'))}</td></tr>`;
}

/** Shows the stock section of the signed-in user's unit when the chosen programme keeps stock. */
export async function startStock(me) {
  unitBase = `/api/programmes/${programmeId()}/orgunits/${me.unit}`;
  const programme = await api(`/api/programmes/${programmeId()}`);
  const items = programme.terms.items || [];
  if (items.length === 0) return;
  document.getElementById('stock-section').hidden = false;
  const options = items.map(i => `<option value="${esc(i.name)}">${esc(i.name)}（${esc(i.unit)}）</option>`).join('');
  document.querySelectorAll('#stock-section select[name=item]').forEach(select => { select.innerHTML = options; });
  const unit = await api(`/api/orgunits/${me.unit}?childrenLimit=200`);
  const kids = unit.children.items;
  document.getElementById('goods-pass').hidden = kids.length === 0;
  document.querySelector('#goods-pass [name=child]').innerHTML = kids.map(c => `<option value="${c.code}">${esc(c.code)} ${esc(c.name)}</option>`).join('');
  const quantity = form => (form.quantity.value.trim() === '' ? null : Number(form.quantity.value));
  const text = input => input.value.trim() || null;
  submitting('goods-buy', 'purchases', f => ({ item: f.item.value, quantity: quantity(f), cost: text(f.cost), supplier: text(f.supplier) }), 'stock.bought');
  submitting('goods-donate', 'donations', f => ({ item: f.item.value, quantity: quantity(f), value: text(f.value), donor: text(f.donor) }), 'stock.donated');
  submitting('goods-pass', 'allocations', f => ({ child: f.child.value, item: f.item.value, quantity: quantity(f) }), 'stock.passed');
  await stock();
}

/** Sends a goods form; its field errors go beside its fields. */
function submitting(formId, path, body, done) {
  document.getElementById(formId).onsubmit = async event => {
    event.preventDefault();
    const form = event.target;
    clearFieldErrors(form);
    try {
      await api(`${unitBase}/goods/${path}`, { method: 'POST', body: body(form) });
      showInfo(t(done));
      await stock();
      document.dispatchEvent(new Event('relief:stock-changed'));
    } catch (error) {
      showFieldErrors(form, error.errors);
      showError(error);
    }
  };
}
