// The peak, live: per province, filings and decisions per hour and what waits now; refreshed every 10 seconds.
import { api, startPage, programmeId, t, esc, when, showError } from '/js/app.js';

await startPage({ roles: ['ops'] });
const sum = values => values.reduce((a, b) => a + b, 0);

async function refresh() {
  try {
    const peak = await api(`/api/ops/peak?programme=${programmeId()}&hours=24`);
    const max = Math.max(1, ...peak.provinces.flatMap(p => p.filed.concat(p.decided)));
    document.querySelector('#peak tbody').innerHTML = peak.provinces.map(p => `
      <tr data-province="${esc(p.code)}"><td>${esc(p.name)} <span class="muted">${esc(p.code)}</span></td>
      <td class="num">${p.filed.at(-1)}</td><td class="num">${p.decided.at(-1)}</td>
      <td class="num">${sum(p.filed)}</td><td class="num">${sum(p.decided)}</td><td class="num">${p.waiting}</td>
      <td><svg width="240" height="30" role="img" aria-label="${esc(t('ops.trend'))}">${p.decided.map((d, i) =>
        `<rect x="${i * 10}" y="${30 - (d / max) * 30}" width="8" height="${(d / max) * 30}" fill="#b3261e"></rect>`).join('')}</svg></td></tr>`).join('');
    document.getElementById('refreshed').textContent = t('ops.refreshed', { at: when(new Date().toISOString()) });
  } catch (error) {
    showError(error);
  }
}

// The dashboard is a page of its own: it gets the token in a cookie that only its path receives.
document.getElementById('open-dashboard').onclick = () => {
  document.cookie = `relief_dashboard=${sessionStorage.getItem('relief.token')}; path=/dashboard; SameSite=Strict`;
  window.open('/dashboard/', '_blank');
};

await refresh();
setInterval(refresh, 10_000);
