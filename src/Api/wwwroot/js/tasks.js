import { api, t, esc, when, clearFieldErrors, showFieldErrors, showError, showInfo } from '/js/app.js';

// The open tasks of a case on its page: what the signed-in person may do now (a visit report, a committee vote,
// a countersign, a hand-over signed by the household, a need answered) as a form built from the task's own form
// definition; the others as a line saying where they wait and until when.

const mine = (task, me) => task.unitCode === me.unit && task.roles.some(role => me.roles.includes(role));

/** A task's outcome in the page's words (approve → 同意); an administrator's own outcome names stand as written. */
const outcomeLabel = (task, outcome) => {
  const key = task.kind === 'approve' && task.members ? `task.vote.${outcome}` : `task.outcome.${outcome}`;
  const text = t(key);
  return text === key ? outcome : text;
};

function input(field) {
  const required = field.required ? ' required' : '';
  const attrs = `name="${esc(field.name)}" data-type="${esc(field.type)}"${required}`;
  switch (field.type) {
    case 'longText': return `<textarea ${attrs} rows="3" maxlength="${field.maxLength ?? 2000}"></textarea>`;
    case 'number': return `<input ${attrs} type="number" inputmode="numeric"${field.min !== undefined ? ` min="${field.min}"` : ''}${field.max !== undefined ? ` max="${field.max}"` : ''}>`;
    case 'money': return `<input ${attrs} inputmode="decimal" placeholder="0.00">`;
    case 'date': return `<input ${attrs} type="date">`;
    case 'yesNo': return `<select ${attrs}><option value=""></option><option value="true">${esc(t('task.yes'))}</option><option value="false">${esc(t('task.no'))}</option></select>`;
    case 'choice': return `<select ${attrs}><option value=""></option>${(field.choices || []).map(c => `<option>${esc(c)}</option>`).join('')}</select>`;
    case 'items': return `<textarea ${attrs} rows="3" placeholder="${esc(t('task.onePerLine'))}"></textarea>`;
    default: return `<input ${attrs} maxlength="${field.maxLength ?? 200}">`;
  }
}

/** The answers as the API takes them: numbers as numbers, yes/no as booleans, a list one item per line; blanks left out. */
function answersOf(form) {
  const answers = {};
  form.querySelectorAll('[data-type]').forEach(el => {
    const value = el.value.trim();
    if (!value) return;
    switch (el.dataset.type) {
      case 'number': answers[el.name] = Number(value); break;
      case 'yesNo': answers[el.name] = value === 'true'; break;
      case 'items': answers[el.name] = value.split('\n').map(line => line.trim()).filter(Boolean); break;
      default: answers[el.name] = value;
    }
  });
  return answers;
}

function card(task, me, version) {
  const form = task.form ? JSON.parse(task.form) : { fields: [] };
  const due = task.dueAt ? `<span class="due">${esc(t('task.due', { at: when(task.dueAt) }))}</span>` : '';
  const votes = task.members ? `<p class="votes">${esc(t('task.votes', { voted: task.voted.length, members: task.members, needed: task.needed }))}</p>` : '';
  if (!mine(task, me)) {
    return `<li class="task other" data-task="${esc(task.taskId)}"><strong>${esc(task.title)}</strong> <span class="muted">${esc(task.unitCode ?? '')}</span> ${due}</li>`;
  }
  const fields = form.fields.map(field => `
    <label><span>${esc(field.label ?? field.name)}${field.required ? ' *' : ''}</span>${input(field)}
      <span class="field-error" data-for="answers.${esc(field.name)}"></span></label>`).join('');
  const comment = task.kind === 'approve'
    ? `<label><span>${esc(t('case.comment'))}</span><textarea name="comment" rows="2"></textarea><span class="field-error" data-for="comment"></span></label>`
    : '';
  const buttons = task.outcomes.map((outcome, i) =>
    `<button type="submit" value="${esc(outcome)}" class="${i === 0 ? 'primary' : ''}" data-outcome="${esc(outcome)}">${esc(outcomeLabel(task, outcome))}</button>`).join('');
  return `<li class="task mine" data-task="${esc(task.taskId)}"><form data-version="${version}">
    <h3>${esc(task.title)} ${due}</h3>${votes}${fields}${comment}<div class="actions">${buttons}</div></form></li>`;
}

/** Renders the case's open tasks into <paramref name="list"/>; a completed task reloads the page's view through <paramref name="reload"/>. */
export function renderTasks(list, view, me, reload) {
  list.innerHTML = view.tasks.length ? view.tasks.map(task => card(task, me, view.version)).join('') : `<li class="muted">${esc(t('task.none'))}</li>`;
  list.querySelectorAll('li.mine form').forEach(form => {
    form.onsubmit = async event => {
      event.preventDefault();
      const outcome = event.submitter?.value;
      const taskId = form.closest('[data-task]').dataset.task;
      clearFieldErrors(form);
      const comment = form.querySelector('[name=comment]')?.value.trim() || null;
      const answers = answersOf(form);
      try {
        await api(`/api/tasks/${taskId}/complete`, {
          method: 'POST',
          // A vote stands on its own: members vote at once, so a vote does not wait on the version the member read.
          body: { outcome, answers: Object.keys(answers).length ? answers : null, comment, version: form.querySelector('.votes') ? null : Number(form.dataset.version) },
        });
        showInfo(t('task.completed'));
        await reload();
      } catch (error) {
        showFieldErrors(form, error.errors);
        showError(error);
      }
    };
  });
}
