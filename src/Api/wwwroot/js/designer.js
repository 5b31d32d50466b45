// The workflow designer (national admin): a programme's terms and its workflow built without typing JSON — nodes
// added by kind, their settings filled in forms generated from each kind's schema, outcomes wired to nodes — checked
// by the server as saving would after every edit (problems shown on their node), drawn as a diagram, tried on a case,
// saved as a version, compared with another version, exported and imported as a file.
import { api, startPage, programmeId, t, esc, when, showError, showInfo, money } from '/js/app.js';

await startPage({ roles: ['admin'] });
const id = programmeId();
const kinds = Object.fromEntries((await api('/api/programmes/workflow-kinds')).map(k => [k.name, k]));
const ID = /^[a-z][A-Za-z0-9]{0,39}$/;

// The definition being designed: exactly what is saved and exported.
let workflow = { name: '', start: '', nodes: {} };
let outcomes = {};
let problems = [];

const label = (group, key) => {
  const text = t(`${group}.${key}`);
  return text === `${group}.${key}` ? key : text;
};

// ---- Programmes and terms --------------------------------------------------------------------------------
async function showProgrammes() {
  const { items } = await api('/api/programmes?limit=200');
  const rows = await Promise.all(items.map(async p => {
    const running = await api(`/api/programmes/${p.id}/instances?running=true&limit=1`).then(r => r.total).catch(() => '');
    const version = await api(`/api/programmes/${p.id}`).then(v => v.currentWorkflowVersion ?? '').catch(() => '');
    return `<tr data-programme="${esc(p.id)}"${p.id === id ? ' aria-current="true"' : ''}><td>${esc(p.name)}</td><td>${esc(p.opens ?? '')}</td>
      <td>${esc(p.status === 'Draft' ? t('programme.draft') : t('designer.published'))}</td><td class="num">${esc(version)}</td><td class="num">${esc(running)}</td></tr>`;
  }));
  document.querySelector('#programme-list tbody').innerHTML = rows.join('');
}

let programme = null;
async function showTerms() {
  programme = await api(`/api/programmes/${id}`);
  const terms = programme.terms;
  document.getElementById('terms-view').innerHTML = `
    <p>${esc(terms.name)} · ${esc(t('designer.dates', { opens: terms.opens, lastFiling: terms.lastFilingDay, lastPayment: terms.lastPaymentDay }))}</p>
    <table><thead><tr><th>${esc(t('case.category'))}</th><th class="num">${esc(t('designer.standard'))}</th><th>${esc(t('designer.goods'))}</th><th>${esc(t('designer.eligibility'))}</th></tr></thead>
    <tbody>${terms.categories.map(c => `<tr><td>${esc(c.name)} <span class="muted">${esc(c.code)}</span></td><td class="num">${money(c.standard)}</td>
      <td>${(c.goods || []).map(g => `${esc(g.name)} ${g.quantity}${esc(g.unit || '')}`).join('、')}</td>
      <td>${esc(c.eligibility?.incomeLimit ? t(`designer.limit.${c.eligibility.incomeLimit}`) : t('designer.anyone'))}</td></tr>`).join('')}</tbody></table>`;
  document.querySelector('#simulate [name=category]').innerHTML = terms.categories.map(c => `<option value="${esc(c.code)}">${esc(c.name)}</option>`).join('');
  document.getElementById('publish').hidden = programme.status !== 'Draft';
}

// ---- Settings forms generated from each kind's schema ------------------------------------------------------
const get = (object, path) => path.reduce((o, k) => (o == null ? undefined : o[k]), object);
function set(object, path, value) {
  const last = path[path.length - 1];
  const parent = path.slice(0, -1).reduce((o, k, i) => (o[k] ??= (typeof path[i + 1] === 'number' ? [] : {})), object);
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete parent[last];
  else parent[last] = value;
  // An emptied group (a quorum with nothing in it) goes too, so the definition says only what was chosen.
  for (let depth = path.length - 1; depth > 0; depth--) {
    const holder = get(object, path.slice(0, depth));
    const container = get(object, path.slice(0, depth - 1));
    if (!Array.isArray(container) && holder && typeof holder === 'object' && !Array.isArray(holder) && Object.keys(holder).length === 0) {
      delete get(object, path.slice(0, depth - 1))[path[depth - 1]];
    }
  }
}

const settingLabel = name => label('setting', name);
const pathOf = path => path.join('.');

function editor(node, path, schema) {
  const name = path[path.length - 1];
  const value = get(node, path);
  const title = esc(schema.description || '');
  const at = pathOf(path);
  if (schema.enum) {
    const shown = schema.enum.map(v => `<option value="${esc(v)}"${v === value ? ' selected' : ''}>${esc(label(name === 'at' || name === 'assignTo' ? 'level' : 'choice', v))}</option>`);
    return `<label title="${title}">${esc(settingLabel(name))}<select data-path="${at}"><option value=""></option>${shown.join('')}</select></label>`;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return `<label title="${title}">${esc(settingLabel(name))}<input type="number" data-path="${at}" data-number value="${value ?? ''}"${schema.minimum != null ? ` min="${schema.minimum}"` : ''}${schema.maximum != null ? ` max="${schema.maximum}"` : ''}></label>`;
  }
  if (schema.type === 'boolean') {
    return `<label title="${title}">${esc(settingLabel(name))}<select data-path="${at}" data-boolean><option value=""></option>
      <option value="true"${value === true ? ' selected' : ''}>${esc(t('designer.yes'))}</option><option value="false"${value === false ? ' selected' : ''}>${esc(t('designer.no'))}</option></select></label>`;
  }
  if (schema.type === 'array' && schema.items?.type === 'string') {
    return `<label title="${title}">${esc(settingLabel(name))}<input data-path="${at}" data-list value="${esc((value || []).join(', '))}"></label>`;
  }
  if (schema.type === 'array' && schema.items?.type === 'object') {
    const rows = (value || []).map((_, i) => `<div class="form-field-row" data-row="${at}.${i}">${
      Object.entries(schema.items.properties).map(([p, s]) => editor(node, [...path, i, p], s)).join('')}
      <button type="button" data-remove-row="${at}" data-index="${i}">${esc(t('designer.remove'))}</button></div>`).join('');
    return `<fieldset data-rows="${at}"><legend>${esc(settingLabel(name))}</legend>${rows}
      <button type="button" data-add-row="${at}">${esc(t('designer.addField'))}</button></fieldset>`;
  }
  if (schema.type === 'object' && schema.maxProperties === 1) {
    // One of its properties (working days, calendar days, a date): which one, and how many.
    const chosen = value ? Object.keys(value)[0] : '';
    return `<fieldset title="${title}"><legend>${esc(settingLabel(name))}</legend>
      <select data-one-of="${at}"><option value=""></option>${Object.keys(schema.properties).map(p => `<option value="${p}"${p === chosen ? ' selected' : ''}>${esc(settingLabel(p))}</option>`).join('')}</select>
      <input data-one-of-value="${at}" value="${esc(chosen ? value[chosen] : '')}"></fieldset>`;
  }
  if (schema.type === 'object' && schema.properties) {
    return `<fieldset title="${title}"><legend>${esc(settingLabel(name))}</legend>${
      Object.entries(schema.properties).map(([p, s]) => editor(node, [...path, p], s)).join('')}</fieldset>`;
  }
  const long = name === 'condition';
  return `<label title="${title}"${long ? ' class="wide"' : ''}>${esc(settingLabel(name))}${long
    ? `<textarea data-path="${at}" rows="2">${esc(value ?? '')}</textarea>`
    : `<input data-path="${at}" value="${esc(value ?? '')}">`}</label>`;
}

function wiring(nodeId, node) {
  const targets = Object.keys(workflow.nodes);
  const choices = chosen => `<option value=""></option>${targets.map(n => `<option value="${esc(n)}"${n === chosen ? ' selected' : ''}>${esc(workflow.nodes[n].title || n)} (${esc(n)})</option>`).join('')}`;
  const fork = node.kind === 'fork';
  const names = fork ? Object.keys(node.next || {}) : (outcomes[nodeId] || []);
  const lines = names.map(o => `<label>${esc(label('outcome', o))} →<select data-next="${esc(o)}">${choices(node.next?.[o])}</select></label>`).join('');
  return `${lines}${fork ? `<label>${esc(t('designer.branch'))}<input data-new-branch></label><button type="button" data-add-branch>${esc(t('designer.addBranch'))}</button>` : ''}`;
}

function card(nodeId) {
  const node = workflow.nodes[nodeId];
  const kind = kinds[node.kind];
  const settings = kind ? Object.entries(kind.settings).map(([name, schema]) => editor(node, [name], schema)).join('') : '';
  return `<li class="node-card" data-node="${esc(nodeId)}">
    <header><code>${esc(nodeId)}</code><span class="kind">${esc(label('kind', node.kind))}</span>
      <button type="button" data-remove-node>${esc(t('designer.remove'))}</button></header>
    <label>${esc(t('designer.nodeTitle'))}<input data-path="title" value="${esc(node.title ?? '')}" maxlength="100"></label>
    <div class="settings">${settings}</div>
    <div class="wiring" data-wiring>${wiring(nodeId, node)}</div>
    <ul class="problems"></ul></li>`;
}

function render() {
  document.getElementById('nodes').innerHTML = Object.keys(workflow.nodes).map(card).join('');
  document.getElementById('workflow-name').value = workflow.name || '';
  renderStart();
  changed();
}

function renderStart() {
  document.getElementById('workflow-start').innerHTML = `<option value=""></option>${Object.keys(workflow.nodes)
    .map(n => `<option value="${esc(n)}"${n === workflow.start ? ' selected' : ''}>${esc(n)}</option>`).join('')}`;
}

/** The wiring of the cards again (of those named, or all): the outcomes the server found, the nodes there now. */
function rewire(only = null) {
  document.querySelectorAll('.node-card').forEach(li => {
    if (!only || only.includes(li.dataset.node)) li.querySelector('[data-wiring]').innerHTML = wiring(li.dataset.node, workflow.nodes[li.dataset.node]);
  });
}

function rerenderCard(nodeId) {
  const li = document.querySelector(`.node-card[data-node="${CSS.escape(nodeId)}"]`);
  li.outerHTML = card(nodeId);
  showProblems();
}

// ---- Edits -------------------------------------------------------------------------------------------------
const nodes = document.getElementById('nodes');
const nodeOf = element => element.closest('.node-card')?.dataset.node;

nodes.addEventListener('change', event => {
  const target = event.target;
  const nodeId = nodeOf(target);
  if (!nodeId) return;
  const node = workflow.nodes[nodeId];
  if (target.dataset.path) {
    const path = target.dataset.path.split('.').map(p => (/^\d+$/.test(p) ? Number(p) : p));
    let value = target.value.trim();
    if ('number' in target.dataset) value = value === '' ? undefined : Number(value);
    else if ('boolean' in target.dataset) value = value === '' ? undefined : value === 'true';
    else if ('list' in target.dataset) value = value.split(/[,，、\s]+/).filter(Boolean);
    set(node, path, value);
  } else if (target.dataset.oneOf || target.dataset.oneOfValue) {
    const at = target.dataset.oneOf || target.dataset.oneOfValue;
    const fieldset = target.closest('fieldset');
    const which = fieldset.querySelector('[data-one-of]').value;
    const raw = fieldset.querySelector('[data-one-of-value]').value.trim();
    set(node, at.split('.'), which && raw ? { [which]: /^\d+$/.test(raw) ? Number(raw) : raw } : undefined);
  } else if (target.dataset.next !== undefined) {
    node.next ??= {};
    if (target.value) node.next[target.dataset.next] = target.value;
    else if (node.kind === 'fork') node.next[target.dataset.next] = '';
    else delete node.next[target.dataset.next];
  }
  changed();
});

nodes.addEventListener('click', event => {
  const target = event.target;
  const nodeId = nodeOf(target);
  if (!nodeId || target.tagName !== 'BUTTON') return;
  const node = workflow.nodes[nodeId];
  if ('removeNode' in target.dataset) {
    delete workflow.nodes[nodeId];
    if (workflow.start === nodeId) workflow.start = '';
    render();
    return;
  }
  if (target.dataset.addRow) {
    const path = target.dataset.addRow.split('.');
    set(node, path, [...(get(node, path) || []), {}]);
    rerenderCard(nodeId);
  } else if (target.dataset.removeRow) {
    const path = target.dataset.removeRow.split('.');
    const rows = get(node, path) || [];
    rows.splice(Number(target.dataset.index), 1);
    set(node, path, rows.length ? rows : undefined);
    rerenderCard(nodeId);
  } else if ('addBranch' in target.dataset) {
    const name = target.parentElement.querySelector('[data-new-branch]').value.trim();
    if (!ID.test(name)) return;
    node.next = { ...(node.next || {}), [name]: node.next?.[name] || '' };
    rerenderCard(nodeId);
  }
  changed();
});

document.getElementById('add-node').onsubmit = event => {
  event.preventDefault();
  const form = event.target;
  const nodeId = form.id.value.trim();
  const error = form.querySelector('[data-for=id]');
  error.textContent = !ID.test(nodeId) ? t('designer.badId') : workflow.nodes[nodeId] ? t('designer.takenId') : '';
  if (error.textContent) return;
  workflow.nodes[nodeId] = { kind: form.kind.value };
  if (!workflow.start) workflow.start = nodeId;
  form.id.value = '';
  document.getElementById('nodes').insertAdjacentHTML('beforeend', card(nodeId));
  renderStart();
  rewire();
  changed();
};
document.getElementById('workflow-name').onchange = event => { workflow.name = event.target.value.trim(); changed(); };
document.getElementById('workflow-start').onchange = event => { workflow.start = event.target.value; changed(); };

// ---- Check, diagram, JSON ----------------------------------------------------------------------------------
/** The definition as saved: no empty wiring, the name only when given. */
function definition() {
  const out = {};
  if (workflow.name) out.name = workflow.name;
  out.start = workflow.start;
  out.nodes = {};
  for (const [nodeId, node] of Object.entries(workflow.nodes)) {
    const copy = structuredClone(node);
    if (copy.next) {
      for (const [o, target] of Object.entries(copy.next)) if (!target) delete copy.next[o];
      if (Object.keys(copy.next).length === 0) delete copy.next;
    }
    out.nodes[nodeId] = copy;
  }
  return out;
}

let pending = null;
let sequence = 0;
function changed() {
  document.getElementById('json').value = JSON.stringify(definition(), null, 2);
  clearTimeout(pending);
  document.getElementById('check-status').textContent = t('designer.checking');
  document.getElementById('check-status').dataset.state = 'checking';
  pending = setTimeout(check, 250);
}

async function check() {
  const mine = ++sequence;
  try {
    const result = await api(`/api/programmes/${id}/workflow/check`, { method: 'POST', body: definition() });
    if (mine !== sequence) return;
    const before = outcomes;
    outcomes = result.outcomes;
    problems = result.problems;
    // Only the cards whose outcomes changed are wired again, so a choice being made elsewhere is not swept away.
    const moved = Object.keys(outcomes).filter(n => JSON.stringify(outcomes[n]) !== JSON.stringify(before[n]));
    if (moved.length) rewire(moved);
    showProblems();
    const status = document.getElementById('check-status');
    status.textContent = result.valid ? t('designer.valid') : t('designer.problems', { count: problems.length });
    status.dataset.state = result.valid ? 'valid' : 'problems';
    await draw(result.mermaid);
  } catch (error) {
    showError(error);
  }
}

function showProblems() {
  document.querySelectorAll('.node-card').forEach(li => {
    const mine = problems.filter(p => p.node === li.dataset.node);
    li.classList.toggle('has-problems', mine.length > 0);
    li.querySelector('.problems').innerHTML = mine.map(p => `<li data-path="${esc(p.path)}">${esc(p.reason)} <span class="muted">${esc(p.path)}</span></li>`).join('');
  });
  const general = problems.filter(p => !p.node || !workflow.nodes[p.node]);
  if (general.length) showError(new Error(general.map(p => `${p.path}: ${p.reason}`).join('；')));
}

window.mermaid?.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { htmlLabels: false } });
let drawn = 0;
async function draw(text) {
  const where = document.getElementById('diagram');
  if (!text || !window.mermaid) { where.innerHTML = ''; return; }
  try {
    const { svg } = await window.mermaid.render(`workflow-diagram-${++drawn}`, text);
    where.innerHTML = svg;
  } catch {
    where.textContent = t('designer.noDiagram');
  }
}

// ---- Load, save, export, import ----------------------------------------------------------------------------
function load(json) {
  workflow = { name: json.name || '', start: json.start || '', nodes: structuredClone(json.nodes || {}) };
  render();
}

const examples = await api('/api/programmes/workflow-examples');
document.getElementById('example').innerHTML = examples.map(e => `<option value="${esc(e.name)}">${esc(e.title)}</option>`).join('');
document.getElementById('load-example').onclick = async () => load(await api(`/api/programmes/workflow-examples/${document.getElementById('example').value}`));
document.getElementById('clear').onclick = () => load({});
document.querySelector('#add-node [name=kind]').innerHTML = Object.values(kinds)
  .map(k => `<option value="${esc(k.name)}" title="${esc(k.summary)}">${esc(label('kind', k.name))} (${esc(k.name)})</option>`).join('');

document.getElementById('save').onclick = async () => {
  try {
    const saved = await api(`/api/programmes/${id}/workflow`, { method: 'PUT', body: definition() });
    showInfo(t('designer.saved', { version: saved.version }));
    await showVersions();
    await showProgrammes();
  } catch (error) {
    showError(error);
  }
};
// A draft keeps the work as it is, problems and all; publishing it checks it and makes it the next version.
document.getElementById('save-draft').onclick = async () => {
  try {
    await api(`/api/programmes/${id}/workflow/draft`, { method: 'PUT', body: definition() });
    showInfo(t('designer.draftSaved'));
    document.getElementById('draft-status').textContent = t('designer.draftAt', { at: when(new Date().toISOString()) });
  } catch (error) {
    showError(error);
  }
};
document.getElementById('publish-draft').onclick = async () => {
  try {
    await api(`/api/programmes/${id}/workflow/draft`, { method: 'PUT', body: definition() });
    const published = await api(`/api/programmes/${id}/workflow/draft/publish`, { method: 'POST' });
    showInfo(t('designer.saved', { version: published.version }));
    document.getElementById('draft-status').textContent = '';
    await showVersions();
    await showProgrammes();
  } catch (error) {
    showError(error);
  }
};
document.getElementById('publish').onclick = async () => {
  try {
    await api(`/api/programmes/${id}/publish`, { method: 'POST' });
    showInfo(t('designer.publishedNow'));
    await showTerms();
    await showProgrammes();
  } catch (error) {
    showError(error);
  }
};
document.getElementById('export').onclick = () => {
  const blob = new Blob([JSON.stringify(definition(), null, 2) + '\n'], { type: 'application/json' });
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: `${workflow.name || 'workflow'}.json` });
  link.click();
  URL.revokeObjectURL(link.href);
};
document.getElementById('import').onchange = async event => {
  const [file] = event.target.files;
  if (!file) return;
  try {
    const json = JSON.parse(await file.text());
    if (!json || typeof json !== 'object' || typeof json.nodes !== 'object') throw new Error(t('designer.notADefinition'));
    load(json);
    showInfo(t('designer.imported', { name: file.name }));
  } catch (error) {
    showError(error instanceof SyntaxError ? new Error(t('designer.notJson')) : error);
  }
  event.target.value = '';
};

// ---- Versions and their differences ------------------------------------------------------------------------
let versions = [];
async function showVersions() {
  const current = (await api(`/api/programmes/${id}`)).currentWorkflowVersion || 0;
  versions = await Promise.all(Array.from({ length: current }, (_, i) => api(`/api/programmes/${id}/workflow?version=${i + 1}`)));
  document.querySelector('#version-list tbody').innerHTML = versions.map(v => `<tr data-version="${v.version}"><td>${v.version}</td>
    <td>${esc(when(v.savedAt))}</td><td>${esc(v.savedBy)}</td><td><button type="button" data-load-version="${v.version}">${esc(t('designer.open'))}</button></td></tr>`).join('');
  const options = versions.map(v => `<option value="${v.version}">${v.version}</option>`).join('');
  document.getElementById('diff-from').innerHTML = options;
  document.getElementById('diff-to').innerHTML = options;
  if (versions.length > 1) document.getElementById('diff-from').value = String(versions.length - 1);
  document.getElementById('diff-to').value = String(versions.length);
  document.querySelectorAll('[data-load-version]').forEach(b => {
    b.onclick = () => load(versions[Number(b.dataset.loadVersion) - 1].graph);
  });
  showMigrationChoices();
}

const canonical = value => JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v));
document.getElementById('diff').onclick = () => {
  const [a, b] = ['diff-from', 'diff-to'].map(s => versions[Number(document.getElementById(s).value) - 1]?.graph.nodes || {});
  const added = Object.keys(b).filter(n => !(n in a));
  const removed = Object.keys(a).filter(n => !(n in b));
  const changedNodes = Object.keys(b).filter(n => n in a && canonical(a[n]) !== canonical(b[n]));
  const list = (names, cls, key) => `<h3 class="${cls}">${esc(t(key, { count: names.length }))}</h3><ul>${names.map(n => `<li class="${cls}" data-node="${esc(n)}">${esc(n)}</li>`).join('')}</ul>`;
  document.getElementById('diff-result').innerHTML = list(added, 'diff-added', 'designer.added') + list(removed, 'diff-removed', 'designer.removed')
    + list(changedNodes, 'diff-changed', 'designer.changed');
};

// ---- Migrations of running cases ----------------------------------------------------------------------------
const migrateFrom = document.getElementById('migrate-from');
const migrateTo = document.getElementById('migrate-to');
function showMigrationChoices() {
  const options = versions.map(v => `<option value="${v.version}">${v.version}</option>`).join('');
  migrateFrom.innerHTML = options;
  migrateTo.innerHTML = options;
  if (versions.length > 1) migrateFrom.value = String(versions.length - 1);
  migrateTo.value = String(versions.length);
  showNodeMap();
}
/** For each node of the old version that waits and that the new version does not have: where its cases go (a node of its kind). */
function showNodeMap() {
  const [from, to] = [migrateFrom, migrateTo].map(s => versions[Number(s.value) - 1]?.graph.nodes || {});
  const missing = Object.entries(from).filter(([n, node]) => kinds[node.kind]?.waits && !(n in to));
  document.getElementById('node-map').innerHTML = missing.length === 0 ? `<p class="muted">${esc(t('designer.noMapNeeded'))}</p>`
    : `<table><tbody>${missing.map(([n, node]) => `<tr><th>${esc(node.title || n)} <span class="muted">${esc(n)}</span></th><td>→ <select data-map="${esc(n)}"><option value=""></option>${
      Object.entries(to).filter(([, m]) => m.kind === node.kind).map(([m, target]) => `<option value="${esc(m)}">${esc(target.title || m)} (${esc(m)})</option>`).join('')}</select></td></tr>`).join('')}</tbody></table>`;
  document.getElementById('start-migration').disabled = true;
}
migrateFrom.onchange = showNodeMap;
migrateTo.onchange = showNodeMap;
function migrationOrder(dryRun) {
  const nodeMap = Object.fromEntries([...document.querySelectorAll('[data-map]')].filter(s => s.value).map(s => [s.dataset.map, s.value]));
  return { fromVersion: Number(migrateFrom.value), toVersion: Number(migrateTo.value), nodeMap, reason: document.getElementById('migrate-reason').value.trim(), dryRun };
}
document.getElementById('dry-run').onclick = async () => {
  try {
    const dry = await api(`/api/programmes/${id}/migrations`, { method: 'POST', body: migrationOrder(true) });
    const refused = dry.cases.filter(c => c.refused);
    document.getElementById('dry-run-result').innerHTML = `
      <p id="dry-run-counts">${esc(t('designer.dryRunCounts', { total: dry.total, migrating: dry.migrating, refused: dry.refused }))}</p>
      <ul>${Object.entries(dry.landings).map(([way, count]) => `<li>${esc(way)}: ${count}</li>`).join('')}</ul>
      ${refused.length ? `<table id="refused-cases"><tbody>${refused.slice(0, 100).map(c => `<tr><td><a href="/case.html?id=${esc(c.caseId)}">${esc(c.caseId.slice(0, 8))}</a></td>
        <td>${esc(c.branchCode)}</td><td>${esc(c.from.join('、'))}</td><td>${esc(c.reason)}</td></tr>`).join('')}</tbody></table>` : ''}`;
    document.getElementById('start-migration').disabled = dry.migrating === 0;
  } catch (error) {
    showError(error);
  }
};
document.getElementById('start-migration').onclick = async () => {
  try {
    const started = await api(`/api/programmes/${id}/migrations`, { method: 'POST', body: migrationOrder(false) });
    document.getElementById('start-migration').disabled = true;
    document.getElementById('migration-progress').hidden = false;
    const poll = async () => {
      const p = await api(`/api/programmes/${id}/migrations/${started.migrationId}`);
      const bar = document.getElementById('migration-bar');
      bar.max = Math.max(1, p.total);
      bar.value = p.migrated + p.refused + p.skipped;
      document.getElementById('migration-counts').textContent = t('designer.migrationCounts', {
        migrated: p.migrated, refused: p.refused, skipped: p.skipped, total: p.total, status: t(`designer.migration.${p.status}`),
      });
      if (p.status !== 'Completed') setTimeout(poll, 1000);
    };
    await poll();
  } catch (error) {
    showError(error);
  }
};

// ---- Try a case --------------------------------------------------------------------------------------------
const script = document.getElementById('script');
document.getElementById('add-line').onclick = () => {
  const waiting = Object.entries(workflow.nodes).filter(([, n]) => kinds[n.kind]?.waits);
  script.insertAdjacentHTML('beforeend', `<li class="toolbar"><select data-line="node">${waiting.map(([n, node]) => `<option value="${esc(n)}">${esc(node.title || n)} (${esc(n)})</option>`).join('')}</select>
    <input data-line="outcome" placeholder="${esc(t('designer.outcome'))}"><input data-line="member" placeholder="${esc(t('designer.member'))}">
    <input data-line="answers" placeholder='{"visitedOn": "2027-01-05"}'></li>`);
};
document.getElementById('run').onclick = async () => {
  const form = document.getElementById('simulate');
  const lines = [...script.children].map(li => {
    const value = name => li.querySelector(`[data-line=${name}]`).value.trim();
    return { node: value('node'), outcome: value('outcome'), member: value('member') || null, answers: value('answers') ? JSON.parse(value('answers')) : null };
  });
  try {
    const run = await api(`/api/programmes/${id}/workflow/simulate`, {
      method: 'POST',
      body: {
        application: {
          category: form.category.value, amount: form.amount.value.trim() || null, householdSize: Number(form.householdSize.value),
          monthlyIncomePerHead: form.monthlyIncomePerHead.value.trim(), branchCode: form.branchCode.value.trim(),
        },
        script: lines,
      },
    });
    document.getElementById('simulation').innerHTML = `
      <p>${esc(t('designer.simulated', { amount: money(run.amount), ended: run.endedAs ? label('result', run.endedAs) : t('designer.stillWaiting') }))}</p>
      ${run.stoppedAt ? `<p class="field-error" id="stopped">${esc(run.stoppedAt)}</p>` : ''}
      <h3>${esc(t('designer.path'))}</h3><ol id="simulated-path">${run.path.map(s => `<li>${esc(when(s.at))} ${esc(s.name)}</li>`).join('')}</ol>
      <h3>${esc(t('designer.tasks'))}</h3><ul>${run.tasks.map(task => `<li>${esc(task.title || task.node)} — ${esc(task.unitName || '')} ${esc(task.unitCode || '')}${task.dueAt ? ` · ${esc(t('queue.dueAt'))} ${esc(when(task.dueAt))}` : ''}</li>`).join('')}</ul>
      <h3>${esc(t('designer.notices'))}</h3><ul>${run.notices.map(n => `<li>${esc(n.unitName || n.unitCode)}: ${esc(n.firstDay)} – ${esc(n.lastDay)}</li>`).join('')}</ul>
      <h3>${esc(t('designer.money'))}</h3><ul>${run.effects.filter(e => e.amount).map(e => `<li>${esc(label('effect', e.kind))} ${money(e.amount)} · ${esc(e.unitCode)}</li>`).join('')}</ul>`;
  } catch (error) {
    showError(error);
  }
};

// ---- Start ---------------------------------------------------------------------------------------------------
try {
  await Promise.all([showProgrammes(), showTerms(), showVersions()]);
  const draft = await api(`/api/programmes/${id}/workflow/draft`).catch(() => null);
  const current = versions.at(-1);
  if (draft) {
    load(draft.definition);
    document.getElementById('draft-status').textContent = t('designer.draftBy', { at: when(draft.savedAt), by: draft.savedBy });
  } else if (current) load(current.graph);
  else render();
} catch (error) {
  showError(error);
}
// Loaded: what is typed from now on is not overwritten by the page's own start.
document.body.dataset.ready = 'true';
