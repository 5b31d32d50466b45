import { api, startPage, param, t, esc, money, when, routeDiagram, showError, showInfo, categoryNames } from '/js/app.js';
import { renderTasks } from '/js/tasks.js';

const me = await startPage({ needsProgramme: false });
const id = param('id');

/** The answers a step was given (a visit report, a signature), under its comment. */
const answers = entry => entry.answers
  ? `<dl class="answers">${Object.entries(entry.answers).map(([name, value]) => `<dt>${esc(name)}</dt><dd>${esc(value)}</dd>`).join('')}</dl>`
  : '';

async function load() {
  try {
    const view = await api(`/api/cases/${id}`);
    const names = await categoryNames(view.programmeId);
    const a = view.applicant;
    document.getElementById('applicant').innerHTML = `
      <h2>${esc(a.name)} <span class="muted">${esc(t(`status.${view.status}`))}</span></h2>
      <table><tbody>
        <tr><th>${esc(t('case.idNumber'))}</th><td id="id-number">${esc(a.idNumber)}</td><th>${esc(t('case.branch'))}</th><td>${esc(view.branchCode)}</td></tr>
        <tr><th>${esc(t('case.category'))}</th><td>${esc(names[a.category] ?? a.category)}</td><th>${esc(t('case.amount'))}</th><td>${esc(money(view.amount))}</td></tr>
        <tr><th>${esc(t('case.household'))}</th><td>${esc(a.householdSize)}</td><th>${esc(t('case.income'))}</th><td>${esc(money(a.monthlyIncomePerHead))}</td></tr>
        <tr><th>${esc(t('case.reason'))}</th><td colspan="3">${esc(a.reason)}</td></tr>
      </tbody></table>`;
    document.getElementById('route').innerHTML = routeDiagram(view.route, view.status);
    // An approver's own decision keeps its form below; every other task of the case is listed with its own form.
    const decision = view.tasks.find(task => task.kind === 'approve' && !task.members && task.roles.includes('approver') && task.unitCode === me.unit);
    document.getElementById('decide').hidden = !(decision && me.roles.includes('approver'));
    renderTasks(document.getElementById('tasks'), { ...view, tasks: view.tasks.filter(task => task !== decision || !me.roles.includes('approver')) }, me, load);
    document.getElementById('decide').dataset.version = view.version;
    document.querySelector('#journal tbody').innerHTML = view.journal.map(e => `
      <tr><td>${esc(when(e.at))}</td><td>${esc(e.actor)}</td><td>${esc(e.unit)}</td><td>${esc(e.step)}</td>
      <td>${esc(e.from)}</td><td>${esc(e.to)}</td><td>${esc(e.comment)}${answers(e)}</td></tr>`).join('');
  } catch (error) {
    showError(error);
  }
}

document.querySelectorAll('[data-decision]').forEach(button => {
  button.onclick = async () => {
    const decision = button.dataset.decision;
    const comment = document.getElementById('comment').value.trim() || null;
    try {
      await api(`/api/cases/${id}/decisions`, {
        method: 'POST',
        body: { decision, comment, version: Number(document.getElementById('decide').dataset.version) },
      });
      showInfo(t(`case.decided.${decision}`));
      await load();
    } catch (error) {
      showError(error);
    }
  };
});

await load();
