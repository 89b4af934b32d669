// The history of closed cases: search by case id, reference, words and date; open one to read or reopen it.
import { el, timeEl, shorten } from './dom.js';
import { api, describe } from './api.js';

export function buildHistory({ open, showError }) {
  const text = el('input', { id: 'history-q', class: 'input', type: 'search', autocomplete: 'off' });
  const from = el('input', { id: 'history-from', class: 'input', type: 'date' });
  const to = el('input', { id: 'history-to', class: 'input', type: 'date' });
  const status = el('p', { class: 'hint', role: 'status' });
  const results = el('ul', { class: 'q-list history-results' });
  const form = el('form', { class: 'stack history-form', role: 'search', novalidate: true },
    el('label', { for: 'history-q', class: 'label-block' }, 'Sök ärende, referens eller text'), text,
    el('div', { class: 'row' },
      el('span', null, el('label', { for: 'history-from', class: 'label-block' }, 'Från'), from),
      el('span', null, el('label', { for: 'history-to', class: 'label-block' }, 'Till'), to)),
    el('button', { type: 'submit', class: 'btn' }, 'Sök i historiken'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ status: 'closed' });
    if (text.value.trim()) query.set('q', text.value.trim());
    if (from.value) query.set('from', from.value);
    if (to.value) query.set('to', to.value);
    try {
      const cases = (await api('GET', '/api/guide/cases?' + query)) || [];
      status.textContent = cases.length === 0 ? 'Inga avslutade ärenden hittades.' : cases.length === 1 ? '1 ärende.' : `${cases.length} ärenden.`;
      results.replaceChildren(...cases.map((c) => el('li', null, el('button', {
        type: 'button', class: 'case-item', 'data-case-id': c.id, onclick: () => open(c.id, true),
      },
      el('span', { class: 'ci-question' }, shorten(c.summary.title || c.summary.question || c.id, 90)),
      el('span', { class: 'ci-meta' }, c.id, ' · ', timeEl(c.closedAt || c.createdAt), c.resolution ? ` · ${c.resolution}` : '')))));
    } catch (error) {
      showError(describe(error, 'Sökningen i historiken'));
    }
  });
  return el('section', { class: 'q-section q-history', 'aria-labelledby': 'history-heading' },
    el('details', { id: 'history' }, el('summary', null, el('h3', { id: 'history-heading', class: 'q-heading' }, 'Historik')), form, status, results));
}
