// Shared by every page: the signed-in user, calls to the API, the strings of the chosen language, the header.
const TOKEN = 'relief.token';
const USER = 'relief.user';
const LANG = 'relief.lang';
const PROGRAMME = 'relief.programme';

let strings = {};

// Every form of Relief is sent by its page's script. One sent by the browser itself — clicked before the script
// was ready, on a slow connection — would put what it holds (a password, a worker's ID number) in the address,
// the browser's history and every log on the way; it is stopped here, before any page script waits for anything.
document.addEventListener('submit', event => event.preventDefault(), true);

export const lang = () => localStorage.getItem(LANG) || 'zh-CN';

/** The string for a key in the current language, with {name} placeholders filled. */
export function t(key, values = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (values[name] ?? ''));
}

/** Loads the language's strings and fills every element marked with data-i18n (text) or data-i18n-placeholder. */
export async function loadStrings() {
  const response = await fetch(`/i18n/${lang()}.json`, { cache: 'no-cache' });
  strings = await response.json();
  document.documentElement.lang = lang();
  translate(document);
}

export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
}

export const user = () => JSON.parse(sessionStorage.getItem(USER) || 'null');
export const hasRole = role => (user()?.roles || []).includes(role);

export function signedIn(session) {
  sessionStorage.setItem(TOKEN, session.accessToken);
  sessionStorage.setItem(USER, JSON.stringify(session.user));
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(USER);
  location.href = '/sign-in.html';
}

/** An API failure: the RFC 7807 problem the server sent, with its per-field errors when it named fields. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.errors = problem?.errors || {};
  }
}

/** Calls the API with the user's token; JSON in and out; a 401 sends the user back to sign in. */
export async function api(path, { method = 'GET', body, raw, contentType } = {}) {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : (raw ? body : JSON.stringify(body)) });
  if (response.status === 401 && token) {
    signOut();
    throw new ApiError(401, { title: t('error.signedOut') });
  }
  const text = await response.text();
  const data = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : { detail: data });
  return data;
}

/** Shows an API error (or any error) in the page's message area. */
export function showError(error, where = document.getElementById('message')) {
  if (!where) return;
  where.hidden = false;
  where.className = 'message error';
  const fields = Object.entries(error.errors || {}).map(([field, reasons]) => `${field}: ${reasons.join('; ')}`);
  where.textContent = [error.message, ...fields].filter(Boolean).join(' — ');
}

export function showInfo(text, where = document.getElementById('message')) {
  if (!where) return;
  where.hidden = false;
  where.className = 'message info';
  where.textContent = text;
}

export const param = name => new URLSearchParams(location.search).get(name);
export const esc = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
/** A notice window as HTML: its dates, and a mark when it was counted on a calendar not yet announced. */
export const noticeWindow = window => esc(t('notices.window', { first: window.firstDay, last: window.lastDay }))
  + (window.provisional ? ` <span class="badge provisional" title="${esc(t('notices.provisionalExplained'))}">${esc(t('notices.provisional'))}</span>` : '');

/** A unit as people name it, with its code beside the name. */
export const unitLabel = (code, name) => (name ? `${esc(name)} <span class="muted">${esc(code)}</span>` : esc(code));

export const money = value => (value === null || value === undefined ? '' : `¥${value}`);
export const when = value => (value ? new Date(value).toLocaleString(lang(), { timeZone: 'Asia/Shanghai', hour12: false }) : '');

/** The programme the user works in (chosen in the header, remembered). */
export const programmeId = () => localStorage.getItem(PROGRAMME);

const pages = [
  // A clerk starts at filing, an approver or committee member at the inbox (which lists a clerk's tasks too).
  { href: '/file.html', key: 'nav.file', roles: ['clerk'] },
  { href: '/queue.html', key: 'nav.queue', roles: ['approver', 'committee', 'clerk'] },
  { href: '/notices-admin.html', key: 'nav.noticesAdmin', roles: ['approver'] },
  { href: '/finance.html', key: 'nav.finance', roles: ['finance'] },
  { href: '/plans.html', key: 'nav.plans', roles: ['finance'] },
  { href: '/audit.html', key: 'nav.audit', roles: ['auditor', 'admin'] },
  { href: '/disclosure.html', key: 'nav.disclosure', roles: ['finance', 'auditor'] },
  { href: '/ops.html', key: 'nav.ops', roles: ['ops'] },
  { href: '/instances.html', key: 'nav.instances', roles: ['ops', 'admin'] },
  { href: '/designer.html', key: 'nav.designer', roles: ['admin'] },
  { href: '/notices.html', key: 'nav.publicBoard', roles: null },
  { href: '/api-docs/', key: 'nav.apiDocs', roles: null },
];

/** The first page a user of these roles works in. */
export function homeFor(roles) {
  const page = pages.find(p => p.roles && p.roles.some(r => roles.includes(r)));
  return page ? page.href : '/notices.html';
}

/**
 * Sets up a signed-in page: strings, header (user, unit, programme choice, language), and the role check.
 * Returns the user, or sends them to sign in.
 */
export async function startPage({ roles = null, needsProgramme = true } = {}) {
  await loadStrings();
  const me = user();
  if (!me) {
    location.href = `/sign-in.html?next=${encodeURIComponent(location.pathname + location.search)}`;
    return new Promise(() => {});
  }
  await header(me, needsProgramme);
  if (roles && !roles.some(r => me.roles.includes(r))) {
    showError(new Error(t('error.role')));
    document.querySelector('main')?.querySelectorAll('section').forEach(s => { s.hidden = true; });
    return new Promise(() => {});
  }
  return me;
}

async function header(me, needsProgramme) {
  const bar = document.getElementById('header');
  const links = pages.filter(p => !p.roles || p.roles.some(r => me.roles.includes(r)))
    .map(p => `<a href="${p.href}"${location.pathname === p.href ? ' aria-current="page"' : ''}>${esc(t(p.key))}</a>`).join('');
  bar.innerHTML = `
    <span class="brand">${esc(t('app.name'))}</span>
    <nav>${links}</nav>
    <span class="who">${esc(me.id)} · ${esc(me.unit)} · ${esc(me.roles.map(r => t(`role.${r}`)).join('、'))}</span>
    <select id="programme-choice" aria-label="${esc(t('header.programme'))}"></select>
    <button type="button" id="language-switch">${esc(t('header.otherLanguage'))}</button>
    <button type="button" id="sign-out">${esc(t('header.signOut'))}</button>`;
  document.getElementById('sign-out').onclick = signOut;
  document.getElementById('language-switch').onclick = () => {
    localStorage.setItem(LANG, lang() === 'zh-CN' ? 'en' : 'zh-CN');
    location.reload();
  };
  const choice = document.getElementById('programme-choice');
  const { items } = await api('/api/programmes');
  choice.innerHTML = items.map(p => `<option value="${p.id}">${esc(p.name)}${p.status === 'Draft' ? ` (${esc(t('programme.draft'))})` : ''}</option>`).join('');
  if (!items.some(p => p.id === programmeId()) && items.length > 0) {
    localStorage.setItem(PROGRAMME, (items.find(p => p.status === 'Published') || items[0]).id);
  }
  choice.value = programmeId() || '';
  choice.onchange = () => { localStorage.setItem(PROGRAMME, choice.value); location.reload(); };
  if (needsProgramme && items.length === 0) showInfo(t('programme.none'));
}

/** A pager under a table: "1–50 of 20,000", previous and next; calls load(offset). */
export function pager(element, { offset, limit, total }, load) {
  const last = Math.min(offset + limit, total);
  element.innerHTML = `
    <span>${esc(t('pager.range', { from: total === 0 ? 0 : offset + 1, to: last, total }))}</span>
    <button type="button" data-go="prev" ${offset === 0 ? 'disabled' : ''}>${esc(t('pager.previous'))}</button>
    <button type="button" data-go="next" ${last >= total ? 'disabled' : ''}>${esc(t('pager.next'))}</button>`;
  element.querySelector('[data-go=prev]').onclick = () => load(Math.max(0, offset - limit));
  element.querySelector('[data-go=next]').onclick = () => load(offset + limit);
}

/** Draws a case's route: each level a box, the current one highlighted, approved ones ticked. */
export function routeDiagram(route, status) {
  const steps = route.map(step => {
    const state = step.state.replace(/ /g, '-');
    return `<li class="step ${state}" data-state="${esc(step.state)}"><strong>${esc(t(`level.${step.level}`))}</strong><span>${esc(step.unitCode)}</span><em>${esc(t(`step.${state}`))}</em></li>`;
  }).join('<li class="arrow" aria-hidden="true">→</li>');
  return `<ol class="route">${steps}<li class="arrow" aria-hidden="true">→</li><li class="step end"><strong>${esc(t(`status.${status}`))}</strong></li></ol>`;
}

let categoryNamesOf = null;

/** The programme's category names by code (archived → 在档困难职工), for tables that carry codes. */
export async function categoryNames(id = programmeId()) {
  if (!categoryNamesOf && id) {
    const programme = await api(`/api/programmes/${id}`);
    categoryNamesOf = Object.fromEntries(programme.terms.categories.map(c => [c.code, c.name]));
  }
  return categoryNamesOf || {};
}

/** Clears the per-field messages of a form (elements with class field-error and data-for="field"). */
export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach(el => { el.textContent = ''; });
}

/** Puts a 400's per-field reasons next to the fields they name. */
export function showFieldErrors(form, errors = {}) {
  for (const [field, reasons] of Object.entries(errors)) {
    const slot = form.querySelector(`.field-error[data-for="${CSS.escape(field)}"]`);
    if (slot) slot.textContent = reasons.join('; ');
  }
}
