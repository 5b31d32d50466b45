import { api, loadStrings, signedIn, showError, homeFor, param, lang } from '/js/app.js';

await loadStrings();
document.getElementById('language-switch').onclick = () => {
  localStorage.setItem('relief.lang', lang() === 'zh-CN' ? 'en' : 'zh-CN');
  location.reload();
};
document.getElementById('sign-in').onsubmit = async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const session = await api('/api/auth/sign-in', { method: 'POST', body: { userName: form.get('userName'), password: form.get('password') } });
    signedIn(session);
    const next = param('next');
    location.href = next && next.startsWith('/') && !next.startsWith('//') ? next : homeFor(session.user.roles);
  } catch (error) {
    showError(error);
  }
};
