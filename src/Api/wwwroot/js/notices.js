// The public notice board: no sign-in, masked lines only, objections during the window.
import { api, loadStrings, t, esc, money, param, lang, showError, showInfo, clearFieldErrors, showFieldErrors, noticeWindow, unitLabel } from '/js/app.js';

await loadStrings();
document.getElementById('language-switch').onclick = () => {
  localStorage.setItem('relief.lang', lang() === 'zh-CN' ? 'en' : 'zh-CN');
  location.reload();
};
const programmes = await api('/api/public/programmes');
const choice = document.getElementById('programme');
choice.innerHTML = programmes.items.map(p => `<option value="${p.id}">${esc(p.name)}</option>`).join('');
if (param('programme')) choice.value = param('programme');
if (param('unit')) document.getElementById('unit').value = param('unit');

async function showLists() {
  try {
    const unit = document.getElementById('unit').value.trim();
    const result = await api(`/api/public/programmes/${choice.value}/orgunits/${encodeURIComponent(unit)}/notices`);
    document.querySelector('#lists tbody').innerHTML = result.items.map(l => `
      <tr><td>${noticeWindow(l.window)} · ${esc(t(l.closed ? 'notices.closed' : 'notices.open'))}</td>
      <td class="num">${l.lines}</td><td><button type="button" data-list="${l.listId}">${esc(t('notices.view'))}</button></td></tr>`).join('')
      || `<tr><td colspan="3" class="muted">${esc(t('notices.none'))}</td></tr>`;
  } catch (error) {
    showError(error);
  }
}

async function showList(listId) {
  try {
    const list = await api(`/api/public/notices/${listId}`);
    const section = document.getElementById('list');
    section.hidden = false;
    section.dataset.list = listId;
    document.getElementById('list-title').innerHTML = `${unitLabel(list.unit, list.unitName)} · ${noticeWindow(list.window)}`;
    document.getElementById('contact').textContent = t('notices.contactLine', { hotline: list.hotline });
    document.querySelector('#lines tbody').innerHTML = list.lines.map(l => `
      <tr><td>${l.line}</td><td>${esc(l.maskedName)}</td><td>${esc(l.maskedIdNumber)}</td><td>${unitLabel(l.branch, l.branchName)}</td>
      <td>${esc(l.category)}</td><td class="num">${esc(money(l.amount))}</td></tr>`).join('');
    document.querySelector('#objection [name=line]').innerHTML = list.lines.map(l => `<option value="${l.line}">${l.line} ${esc(l.maskedName)}</option>`).join('');
    document.getElementById('objection').hidden = list.closed;
  } catch (error) {
    showError(error);
  }
}

document.getElementById('show').onclick = showLists;
document.getElementById('lists').addEventListener('click', event => {
  const button = event.target.closest('[data-list]');
  if (button) showList(button.dataset.list);
});
document.getElementById('objection').onsubmit = async event => {
  event.preventDefault();
  const form = event.target;
  clearFieldErrors(form);
  try {
    await api(`/api/public/notices/${document.getElementById('list').dataset.list}/objections`, {
      method: 'POST',
      body: { line: Number(form.line.value), reason: form.reason.value.trim(), channel: form.channel.value, contact: form.contact.value.trim() || null },
    });
    showInfo(t('notices.objectionReceived'));
    form.reason.value = '';
  } catch (error) {
    showFieldErrors(form, error.errors);
    showError(error);
  }
};

if (param('list')) await showList(param('list'));
await showLists();
