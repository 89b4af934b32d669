// Translations side by side with the Swedish original (GET /api/guide/translations?language=),
// unreviewed first; "Markera som granskad" adds the language to the entry's `reviewed` list
// (POST /api/guide/translations/{entryId}/reviewed).
(function () {
  'use strict';
  const { el, api, showError } = window.GuideReports;
  const LOCALES = { fi: 'fi', ar: 'ar', fa: 'fa', so: 'so', 'sv-easy': 'sv' };

  function text(value, language) {
    return el('p', { class: 'entry-answer', lang: LOCALES[language] || language, dir: 'auto' }, value || '(saknas – boten visar den svenska texten)');
  }

  function item(entry, data) {
    const result = el('p', { role: 'status' });
    const button = el('button', { class: 'btn btn-primary', type: 'button', disabled: entry.reviewed || !entry.text ? '' : null, onclick: async () => {
      try {
        await api('POST', `/api/guide/translations/${encodeURIComponent(entry.id)}/reviewed`, { language: data.language });
        result.className = 'result-ok';
        result.textContent = 'Markerad som granskad. Boten visar inte längre översättningsnoten under svaret.';
        button.disabled = true;
      } catch (error) {
        result.className = 'result-error';
        result.textContent = 'Kunde inte markera: ' + error.message;
      }
    } }, entry.reviewed ? 'Granskad' : 'Markera som granskad');
    return el('li', { class: 'inbox-group' },
      el('p', { class: 'inbox-example' }, entry.question, el('span', { class: 'muted' }, ` (${entry.topic}, ${entry.id})`)),
      el('div', { class: 'translation-pair' },
        el('div', null, el('h3', { class: 'label-block' }, 'Svenska (original)'), el('p', { class: 'entry-answer', lang: 'sv' }, entry.sv)),
        el('div', null, el('h3', { class: 'label-block' }, data.name[0].toUpperCase() + data.name.slice(1)), text(entry.text, data.language))),
      entry.questions.length ? el('p', { class: 'muted', lang: LOCALES[data.language], dir: 'auto' }, 'Frågor: ' + entry.questions.join(' · ')) : null,
      entry.periods.length ? el('details', null, el('summary', null, `Regler över tid (${entry.periods.length})`),
        el('ul', null, entry.periods.map((p) => el('li', null, el('p', { lang: 'sv' }, `${p.from}${p.to ? ' – ' + p.to : ''}: ${p.sv}`), text(p.text, data.language))))) : null,
      el('p', null, el('a', { href: entry.source, target: '_blank', rel: 'noopener' }, 'Källa')),
      el('div', { class: 'row' }, button), result);
  }

  async function show(language) {
    const status = document.getElementById('status');
    status.textContent = 'Hämtar översättningar…';
    try {
      const data = await api('GET', '/api/guide/translations?language=' + encodeURIComponent(language));
      showError('');
      document.getElementById('translations').replaceChildren(...data.entries.map((e) => item(e, data)));
      status.textContent = `${data.name}: ${data.reviewed} av ${data.total} svar granskade, ${data.missing} saknar översättning.`;
    } catch (error) {
      status.textContent = '';
      showError('Kunde inte hämta översättningarna: ' + error.message);
    }
  }

  const select = document.getElementById('language');
  const wanted = new URLSearchParams(location.search).get('language');
  if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  document.getElementById('choose').addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(null, '', '?language=' + encodeURIComponent(select.value));
    show(select.value);
  });
  show(select.value);
})();
