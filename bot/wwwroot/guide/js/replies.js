// Saved replies (canned answers) per group: a list to insert from, "/shortcut" + Tab or Enter in the
// reply box, and a small form to add one.
import { el } from './dom.js';
import { api, describe } from './api.js';

let cache = null;

export async function loadReplies(force = false) {
  if (!cache || force) {
    try {
      cache = (await api('GET', '/api/guide/replies')) || [];
    } catch {
      cache = cache || [];
    }
  }
  return cache;
}

/** The saved reply for "/shortcut" at the end of the text (the case's group first, then shared ones). */
export function expand(text, group) {
  const match = /(^|\s)\/([\p{L}\d-]{1,20})$/u.exec(text);
  if (!match || !cache) return null;
  const shortcut = match[2].toLowerCase();
  const reply = cache.find((r) => r.shortcut === shortcut && r.group === group) || cache.find((r) => r.shortcut === shortcut && !r.group)
    || cache.find((r) => r.shortcut === shortcut);
  return reply ? text.slice(0, match.index + match[1].length) + reply.text : null;
}

export function buildReplies(item, { insert, announce, showError, groups }) {
  const list = el('ul', { class: 'saved-replies' });
  const render = (replies) => {
    const shown = replies.filter((r) => !r.group || r.group === item.group);
    list.replaceChildren(...(shown.length ? shown.map((r) => el('li', null,
      el('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Infoga sparat svar: ${r.title}`, onclick: () => insert(r.text) }, 'Infoga'),
      ' ', el('strong', null, r.title), ' ', el('code', null, '/' + r.shortcut), r.group ? el('span', { class: 'muted' }, ` (${r.group})`) : null))
      : [el('li', { class: 'muted' }, 'Inga sparade svar för gruppen.')]));
  };
  loadReplies().then(render);

  const shortcut = el('input', { id: 'reply-shortcut', class: 'input', maxlength: '20', autocomplete: 'off' });
  const title = el('input', { id: 'reply-title', class: 'input', maxlength: '100', autocomplete: 'off' });
  const text = el('textarea', { id: 'reply-text', class: 'input', rows: '3', maxlength: '5000' });
  const group = el('select', { id: 'reply-group', class: 'input' },
    el('option', { value: '' }, 'Alla grupper'), ...groups.map((g) => el('option', { value: g, selected: g === item.group }, g)));
  const form = el('form', { class: 'stack', novalidate: true },
    el('label', { for: 'reply-title', class: 'label-block' }, 'Rubrik'), title,
    el('label', { for: 'reply-shortcut', class: 'label-block' }, 'Kortkommando (skrivs som /kommando)'), shortcut,
    el('label', { for: 'reply-group', class: 'label-block' }, 'Grupp'), group,
    el('label', { for: 'reply-text', class: 'label-block' }, 'Text'), text,
    el('button', { type: 'submit', class: 'btn' }, 'Spara svaret'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/api/guide/replies', { shortcut: shortcut.value, title: title.value, text: text.value, group: group.value || null });
      form.reset();
      render(await loadReplies(true));
      announce('Sparat svar tillagt.');
    } catch (error) {
      showError(describe(error, 'Att spara svaret'));
    }
  });
  return el('section', { class: 'panel', 'aria-labelledby': 'replies-heading' },
    el('h3', { id: 'replies-heading' }, 'Sparade svar'),
    el('p', { class: 'hint' }, 'Skriv /kortkommando i svarsrutan och tryck Tab för att infoga.'),
    list,
    el('details', null, el('summary', null, 'Nytt sparat svar'), form));
}
