import { api, startPage, programmeId, t, esc, when, showError, showInfo, noticeWindow } from '/js/app.js';

const me = await startPage({ roles: ['approver'] });

async function load() {
  try {
    const board = await api(`/api/programmes/${programmeId()}/orgunits/${me.unit}/notices?limit=20`);
    document.getElementById('waiting').textContent = t('noticesAdmin.waiting', { count: board.waiting });
    document.getElementById('publish').disabled = board.waiting === 0;
    const sections = [];
    for (const listId of board.lists.items) {
      const { list, journal } = await api(`/api/notices/${listId}`);
      const recounts = journal.filter(e => e.kind === 'WindowRecounted');
      const objections = (await api(`/api/notices/${listId}/objections`)).items;
      sections.push(`
        <article class="list" data-list="${listId}">
          <h3>${noticeWindow(list.window)} · ${esc(t(list.closed ? 'notices.closed' : 'notices.open'))}
            · <a href="/notices.html?list=${listId}">${esc(t('noticesAdmin.publicView'))}</a></h3>
          ${recounts.map(e => `<p class="recount muted">${esc(t('noticesAdmin.recounted', {
            at: when(e.at), actor: e.actor, year: e.calendarYear, version: e.calendarVersion,
            before: t('notices.window', { first: e.before.firstDay, last: e.before.lastDay }), after: t('notices.window', { first: e.after.firstDay, last: e.after.lastDay }),
          }))}</p>`).join('')}
          <table><thead><tr><th>${esc(t('notices.line'))}</th><th>${esc(t('notices.reason'))}</th><th>${esc(t('notices.channel'))}</th>
            <th>${esc(t('notices.raisedAt'))}</th><th>${esc(t('notices.state'))}</th><th></th></tr></thead><tbody>
          ${objections.map(o => `<tr data-objection="${o.id}"><td>${o.line}</td><td>${esc(o.reason)}</td><td>${esc(t(`channel.${o.channel}`))}</td>
            <td>${esc(when(o.raisedAt))}</td><td>${esc(t(`objection.${o.state}`))}${o.resolution ? ` — ${esc(o.resolution)}` : ''}</td>
            <td>${o.state === 'Open' ? `<input class="resolution-reason" data-i18n-placeholder="noticesAdmin.reason" placeholder="${esc(t('noticesAdmin.reason'))}">
              <button type="button" data-resolve="false">${esc(t('noticesAdmin.dismiss'))}</button>
              <button type="button" data-resolve="true">${esc(t('noticesAdmin.uphold'))}</button>` : ''}</td></tr>`).join('')
            || `<tr><td colspan="6" class="muted">${esc(t('noticesAdmin.noObjections'))}</td></tr>`}
          </tbody></table>
        </article>`);
    }
    document.getElementById('lists').innerHTML = sections.join('') || `<p class="muted">${esc(t('noticesAdmin.noLists'))}</p>`;
  } catch (error) {
    showError(error);
  }
}

document.getElementById('publish').onclick = async () => {
  try {
    const published = await api(`/api/programmes/${programmeId()}/orgunits/${me.unit}/notices/publish`, { method: 'POST' });
    showInfo(t('noticesAdmin.published', { lines: published.lines, last: published.window.lastDay }));
    await load();
  } catch (error) {
    showError(error);
  }
};

document.getElementById('lists').addEventListener('click', async event => {
  const button = event.target.closest('[data-resolve]');
  if (!button) return;
  const row = button.closest('[data-objection]');
  const listId = button.closest('[data-list]').dataset.list;
  const reason = row.querySelector('.resolution-reason').value.trim();
  try {
    await api(`/api/notices/${listId}/objections/${row.dataset.objection}/resolution`, {
      method: 'POST', body: { upheld: button.dataset.resolve === 'true', reason },
    });
    showInfo(t('noticesAdmin.resolved'));
    await load();
  } catch (error) {
    showError(error);
  }
});

await load();
