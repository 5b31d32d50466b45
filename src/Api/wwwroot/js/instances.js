// Running workflows (ops, admin): find a programme's cases by node, status, subtree, deadline and incident; open
// one to see what it waits for, its variables, its unacknowledged effects and incidents, and the trace of each step.
import { api, startPage, programmeId, t, esc, when, showError, showInfo, pager, unitLabel } from '/js/app.js';

const me = await startPage({ roles: ['ops', 'admin'] });
const filters = document.getElementById('filters');
const statuses = ['Waiting', 'Returned', 'Approved', 'Noticed', 'Suspended', 'Payable', 'Paid', 'Rejected', 'Closed'];
filters.status.insertAdjacentHTML('beforeend', statuses.map(s => `<option value="${s}">${esc(t(`status.${s}`))}</option>`).join(''));
filters.unit.value = me.unit;

// The node titles of the programme's current workflow, for the filter and the table.
const titles = {};
const waitingKinds = ['approve', 'task', 'notice', 'pay', 'timer'];
try {
  const workflow = await api(`/api/programmes/${programmeId()}/workflow`);
  for (const [id, node] of Object.entries(workflow.graph.nodes || {})) titles[id] = node.title || id;
  filters.node.insertAdjacentHTML('beforeend', Object.entries(workflow.graph.nodes || {})
    .filter(([, node]) => !['end', 'decide', 'fork', 'join', 'reserve', 'release'].includes(node.kind))
    .map(([id, node]) => `<option value="${esc(id)}">${esc(node.title || id)} (${esc(id)})</option>`).join(''));
} catch (error) {
  showError(error);
}
const nodeLabel = id => (titles[id] && titles[id] !== id ? `${esc(titles[id])} <span class="muted">${esc(id)}</span>` : esc(id));

async function load(offset = 0) {
  const query = new URLSearchParams({ offset, limit: 50 });
  for (const name of ['node', 'status', 'unit']) if (filters[name].value.trim()) query.set(name, filters[name].value.trim());
  if (filters.overdue.checked) query.set('overdue', 'true');
  if (filters.incident.checked) query.set('incident', 'true');
  try {
    const page = await api(`/api/programmes/${programmeId()}/instances?${query}`);
    document.getElementById('counts').textContent = t('instances.count', { total: page.total.toLocaleString('zh-CN') });
    document.querySelector('#instances tbody').innerHTML = page.items.map(i => `
      <tr data-case="${esc(i.caseId)}"${i.overdue ? ' class="overdue"' : ''}>
        <td><button type="button" class="link" data-open="${esc(i.caseId)}">${esc(i.caseId.slice(0, 8))}</button></td>
        <td>${unitLabel(i.branchCode, i.branchName)}</td><td>${esc(t(`status.${i.status}`))}</td><td class="num">${i.version}</td>
        <td>${i.waitingAt.map(nodeLabel).join('、')}</td>
        <td>${esc(when(i.dueAt))}${i.overdue ? ` <strong>${esc(t('instances.overdueMark'))}</strong>` : ''}</td>
        <td class="num">${i.openIncidents || ''}</td><td>${esc(when(i.filedAt))}</td></tr>`).join('');
    document.querySelectorAll('[data-open]').forEach(b => { b.onclick = () => open(b.dataset.open); });
    pager(document.getElementById('instances-pager'), page, load);
  } catch (error) {
    showError(error);
  }
}

async function open(caseId) {
  try {
    const i = await api(`/api/cases/${caseId}/instance`);
    document.getElementById('instance').hidden = false;
    document.getElementById('instance-id').textContent = i.id;
    document.getElementById('instance-case').href = `/case.html?id=${i.id}`;
    document.getElementById('instance-summary').textContent = t('instances.summary', {
      status: t(`status.${i.status}`), version: i.definitionVersion, tokens: i.tokens.length,
    });
    document.querySelector('#instance-waits tbody').innerHTML = i.waits.map(w => `
      <tr data-node="${esc(w.node)}"><td>${nodeLabel(w.node)}${w.item ? `：${esc(w.item)}` : ''}</td><td>${esc(w.kind)}</td>
      <td>${w.unitCode ? esc(w.unitCode) : ''} ${esc(w.roles.map(r => t(`role.${r}`)).join('、'))}</td>
      <td>${esc(when(w.dueAt))}</td><td>${w.voted.length ? esc(w.voted.join('、')) : ''}</td></tr>`).join('');
    document.querySelector('#instance-variables tbody').innerHTML = Object.entries(i.variables)
      .map(([name, value]) => `<tr><th>${esc(name)}</th><td><code>${esc(value)}</code></td></tr>`).join('');
    document.getElementById('instance-effects').innerHTML = i.pendingEffects.length
      ? i.pendingEffects.map(e => `<li>${esc(e.kind)} → ${esc(e.target)} <span class="muted">${nodeLabel(e.node)}</span></li>`).join('')
      : `<li class="muted">${esc(t('instances.none'))}</li>`;
    const unresolved = i.incidents.filter(x => !x.resolvedAt);
    document.getElementById('instance-incidents').innerHTML = i.incidents.length
      ? i.incidents.map(x => `<li${x.resolvedAt ? ' class="muted"' : ' class="incident"'}>${esc(when(x.at))} ${esc(x.step)}: ${esc(x.error)}${x.resolvedAt ? ` — ${esc(t('instances.resolved', { at: when(x.resolvedAt) }))}` : ''}</li>`).join('')
      : `<li class="muted">${esc(t('instances.none'))}</li>`;
    const retry = document.getElementById('retry');
    retry.hidden = unresolved.length === 0;
    retry.onclick = async () => {
      try {
        await api(`/api/cases/${i.id}/incidents/retry`, { method: 'POST' });
        showInfo(t('instances.retried'));
        await open(i.id);
        await load();
      } catch (error) {
        showError(error);
      }
    };
    await showActions(i);
    document.querySelector('#instance-journal tbody').innerHTML = i.journal.map(s => `
      <tr><td>${esc(when(s.at))}</td><td>${esc(s.step)}${s.node ? ` <span class="muted">${esc(s.node)}</span>` : ''}</td>
      <td>${esc(s.actor)} <span class="muted">${esc(s.unit)}</span></td><td><code class="trace">${esc(s.traceId || '')}</code></td></tr>`).join('');
  } catch (error) {
    showError(error);
  }
}

/** The administrator's alterations of a running case, each with the reason typed above them. */
async function showActions(i) {
  const actions = document.getElementById('instance-actions');
  actions.hidden = !me.roles.includes('admin') || !!i.endedAs;
  if (actions.hidden) return;
  // A case moves within the version it runs, which may be older than the programme's current one.
  const own = (await api(`/api/programmes/${programmeId()}/workflow?version=${i.definitionVersion}`)).graph.nodes || {};
  document.getElementById('move-to').innerHTML = Object.entries(own).filter(([, n]) => waitingKinds.includes(n.kind))
    .map(([id, n]) => `<option value="${esc(id)}">${esc(n.title || id)} (${esc(id)})</option>`).join('');
  document.getElementById('reassign-task').innerHTML = i.waits.filter(w => ['approve', 'task', 'followUps'].includes(w.kind))
    .map(w => `<option value="${esc(w.id)}">${nodeLabel(w.node)} · ${esc(w.unitCode || '')}</option>`).join('');
  const reason = () => document.getElementById('action-reason').value.trim();
  const act = async (path, body) => {
    try {
      await api(path, { method: 'POST', body });
      showInfo(t('instances.done'));
      await open(i.id);
      await load();
    } catch (error) {
      showError(error);
    }
  };
  document.getElementById('move').onclick = () => act(`/api/cases/${i.id}/move`, { to: document.getElementById('move-to').value, reason: reason() });
  document.getElementById('reassign').onclick = () => act(`/api/tasks/${document.getElementById('reassign-task').value}/reassign`,
    { unitCode: document.getElementById('reassign-unit').value.trim(), reason: reason() });
  document.getElementById('cancel-case').onclick = () => act(`/api/cases/${i.id}/cancel`, { reason: reason() });
}

filters.onsubmit = event => { event.preventDefault(); load(0); };
await load();
