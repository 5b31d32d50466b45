import { api, loadStrings, signedIn, showError, homeFor, param, lang } from '/js/app.js';

// The form is handled before anything is awaited, and its button stays disabled until the page is ready: a form
// sent by the browser itself would put the password in the address (and in every log on the way) — on a slow phone
// network the strings can take seconds to arrive.
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

await loadStrings();
document.querySelector('#sign-in button[type=submit]').disabled = false;
document.getElementById('language-switch').onclick = () => {
  localStorage.setItem('relief.lang', lang() === 'zh-CN' ? 'en' : 'zh-CN');
  location.reload();
};
