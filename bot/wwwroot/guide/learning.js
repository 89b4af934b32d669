// The learning inbox: GET /api/guide/unanswered, and one action per group that adds a resident's
// wording as an alternative question to an entry (POST /api/guide/knowledge/{entryId}/questions).
(function () {
  'use strict';
  const { el, api, period, showError, number, dateTime } = window.GuideReports;
  const LANGUAGES = { sv: 'svenska', en: 'engelska', fi: 'finska', ar: 'arabiska', fa: 'persiska', so: 'somaliska', 'sv-easy': 'lättläst svenska' };
  const REASONS = { 'not-answered': 'kunde inte svara', clarified: 'erbjöd val', 'low-confidence': 'osäkert svar', 'not-helpful': 'svaret hjälpte inte' };
  let formCount = 0;

  // No entry is chosen for the guide: they read each candidate's answer and pick the right one.
  function entryChoice(name, entry) {
    const id = `${name}-${entry.id}`;
    const answer = entry.answer || null;
    return el('div', { class: 'entry-choice' },
      el('input', { type: 'radio', name, id, value: entry.id, 'aria-describedby': answer ? id + '-answer' : null }),
      el('div', null,
        el('label', { for: id }, entry.question, el('span', { class: 'muted' }, ` (${entry.topic || ''}, ${entry.id})`)),
        answer ? el('p', { id: id + '-answer', class: 'entry-answer' }, answer.length > 300 ? answer.slice(0, 299) + '…' : answer) : null));
  }

  function addForm(group) {
    const n = ++formCount;
    const name = `entry-${n}`;
    const choices = el('div', null, group.suggestedEntries.map((e) => entryChoice(name, e)));
    const search = el('input', { class: 'input', type: 'search', id: `search-${n}`, value: group.example.replace(/\[[^\]]*\]/g, '').trim() });
    const text = el('input', { class: 'input', type: 'text', id: `text-${n}`, value: group.example, maxlength: 300, required: true });
    const result = el('p', { role: 'status' });

    async function find() {
      if (!search.value.trim()) return;
      try {
        const hits = await api('GET', '/api/guide/knowledge/search?q=' + encodeURIComponent(search.value));
        const known = new Set([...choices.querySelectorAll('input')].map((i) => i.value));
        for (const hit of hits.slice(0, 5)) {
          if (!known.has(hit.id)) choices.append(entryChoice(name, hit));
        }
        if (!choices.children.length) result.textContent = 'Inga svar hittades.';
      } catch (error) {
        result.textContent = 'Sökningen misslyckades: ' + error.message;
      }
    }

    const form = el('form', { class: 'add-form', onsubmit: async (event) => {
      event.preventDefault();
      const chosen = choices.querySelector('input:checked');
      result.className = 'result-error';
      if (!chosen) { result.textContent = 'Välj vilket svar frågan hör till.'; return; }
      if (/\[[^\]]*\]/.test(text.value)) { result.textContent = 'Ta bort de maskerade personuppgifterna ([…]) ur frågan först.'; return; }
      try {
        await api('POST', `/api/guide/knowledge/${encodeURIComponent(chosen.value)}/questions`, { text: text.value.trim() });
        result.className = 'result-ok';
        result.textContent = `Tillagd som alternativ fråga till ${chosen.value}.`;
      } catch (error) {
        result.textContent = 'Kunde inte lägga till frågan: ' + error.message;
      }
    } },
    el('label', { class: 'label-block', for: `text-${n}` }, 'Formulering att lägga till'),
    text,
    el('fieldset', null, el('legend', null, 'Hör till svaret'), choices),
    el('div', { class: 'row' },
      el('label', { class: 'label-block', for: `search-${n}` }, 'Sök bland svaren'),
      search,
      el('button', { class: 'btn btn-small', type: 'button', onclick: find }, 'Sök svar')),
    el('div', { class: 'row' }, el('button', { class: 'btn btn-primary', type: 'submit' }, 'Lägg till som alternativ fråga')),
    result);
    return el('details', null, el('summary', null, 'Lägg till som fråga till ett svar'), form);
  }

  // "Språk: finska" or "Språk: finska 3, svenska 1" when the group's questions came in several languages.
  function languages(g) {
    const counts = Object.entries(g.languages || {});
    if (counts.length <= 1) return 'Språk: ' + (LANGUAGES[g.language] || g.language || 'svenska');
    return 'Språk: ' + counts.sort((a, b) => b[1] - a[1]).map(([code, n]) => `${LANGUAGES[code] || code} ${n}`).join(', ');
  }

  function render(groups) {
    const list = document.getElementById('inbox');
    list.replaceChildren(...groups.map((g) => el('li', { class: 'inbox-group' },
      el('p', { class: 'inbox-example', lang: g.language || 'sv', dir: g.language === 'ar' || g.language === 'fa' ? 'rtl' : null }, g.example),
      el('p', { class: 'inbox-meta' },
        `${languages(g)} · ${number(g.count)} gånger · senast ${dateTime(g.lastSeen)} · först ${dateTime(g.firstSeen)} · `,
        Object.entries(g.reasons).map(([r, c]) => `${REASONS[r] || r}: ${c}`).join(', ')),
      el('details', null, el('summary', null, 'Exempel'),
        el('ul', { class: 'inbox-samples' }, g.samples.map((s) => el('li', null, el('span', { lang: s.language || 'sv' }, s.text), el('span', { class: 'muted' }, ` – ${LANGUAGES[s.language] || s.language}, ${dateTime(s.at)}, ${REASONS[s.reason] || s.reason}`))))),
      addForm(g))));
  }

  period(async (query) => {
    const status = document.getElementById('status');
    status.textContent = 'Hämtar frågor…';
    try {
      const groups = await api('GET', '/api/guide/unanswered' + (query ? '?' + query : ''));
      showError('');
      render(groups);
      status.textContent = groups.length === 0 ? 'Inga obesvarade frågor under perioden.' : `${groups.length} grupper av frågor.`;
    } catch (error) {
      status.textContent = '';
      showError('Kunde inte hämta frågorna: ' + error.message);
    }
  });
})();
