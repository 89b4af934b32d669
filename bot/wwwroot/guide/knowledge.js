// Knowledge operations in the guide console: a banner when a content edit was rejected (the bot keeps
// answering from the last good knowledge), and drafting a new knowledge entry from a case.
// All texts are put on the page with textContent only.
(function () {
  'use strict';

  const STATUS_INTERVAL = 15000;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key.startsWith('on')) {
        node.addEventListener(key.slice(2), value);
      } else if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(key, value === true ? '' : value);
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child);
      }
    }
    return node;
  }

  async function call(method, path, body) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method !== 'GET') {
      init.headers['X-Requested-With'] = 'guide-console';
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body || {});
    }
    const response = await fetch(path, init);
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.title)) || 'Fel ' + response.status);
      error.problems = (data && data.problems) || [];
      throw error;
    }
    return data;
  }

  function time(value) {
    return new Date(value).toLocaleString('sv-SE', { dateStyle: 'short', timeStyle: 'short' });
  }

  // ------------------------------------------------------------ rejected-edit banner

  const banner = el('div', { id: 'knowledge-banner', class: 'error', role: 'status', hidden: true });

  async function refreshStatus() {
    try {
      const status = await call('GET', '/api/guide/knowledge/status');
      const problems = status.problems || [];
      if (problems.length === 0) {
        banner.hidden = true;
        banner.replaceChildren();
        return;
      }
      banner.replaceChildren(
        el('strong', null, 'En ändring i kunskapsbanken avvisades. '),
        `Boten svarar fortfarande med innehållet från ${time(status.loadedAt)}. Rätta felen i filerna:`,
        el('ul', null, ...problems.slice(0, 10).map((p) => el('li', null, `${p.file}, rad ${p.line}: ${p.message}`))));
      banner.hidden = false;
    } catch {
      // Signed out or offline: console.js shows that.
    }
  }

  // ------------------------------------------------------------ draft entry from a case

  function draftPanel(id) {
    const status = el('p', { class: 'hint', role: 'status' });
    const open = el('button', { type: 'button', class: 'btn', id: 'draft-open' }, 'Föreslå som nytt svar');
    const section = el('section', { class: 'panel draft', 'aria-labelledby': 'draft-heading' },
      el('h3', { id: 'draft-heading' }, 'Kunskapsbanken saknar svaret?'),
      el('p', { class: 'hint' }, 'Skapa ett utkast av invånarens fråga och ditt svar. Redaktörerna granskar det innan boten använder det.'),
      open, status);

    open.addEventListener('click', async () => {
      open.disabled = true;
      try {
        const item = await call('GET', '/api/guide/cases/' + encodeURIComponent(id));
        const lines = item.transcript || [];
        const summary = item.summary || {};
        const firstQuestion = summary.question || (lines.find((l) => l.role === 'resident') || {}).text || '';
        const guideLines = lines.filter((l) => l.role === 'guide');
        const lastReply = guideLines.length ? guideLines[guideLines.length - 1].text : '';
        section.replaceChildren(section.firstChild, buildForm(id, firstQuestion, lastReply, summary.topic || item.topic || ''), status);
      } catch (error) {
        status.textContent = 'Kunde inte hämta ärendet: ' + error.message;
        open.disabled = false;
      }
    });
    return section;
  }

  function buildForm(id, question, answer, topic) {
    const questionInput = el('textarea', { id: 'draft-question', class: 'input', rows: '2', maxlength: '300' });
    questionInput.value = question;
    const answerInput = el('textarea', { id: 'draft-answer', class: 'input', rows: '5' });
    answerInput.value = answer;
    const topicInput = el('input', { id: 'draft-topic', class: 'input', type: 'text' });
    topicInput.value = topic;
    const result = el('div', { role: 'status' });
    const save = el('button', { type: 'submit', class: 'btn btn-primary' }, 'Spara utkast');
    const form = el('form', { class: 'draft-form', novalidate: true },
      el('label', { for: 'draft-question', class: 'label-block' }, 'Fråga (invånarens ord)'), questionInput,
      el('label', { for: 'draft-answer', class: 'label-block' }, 'Svar'), answerInput,
      el('label', { for: 'draft-topic', class: 'label-block' }, 'Ämne'), topicInput,
      el('div', { class: 'row' }, save), result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      save.disabled = true;
      try {
        const draft = await call('POST', '/api/guide/cases/' + encodeURIComponent(id) + '/draft-entry',
          { question: questionInput.value, answer: answerInput.value, topic: topicInput.value });
        result.replaceChildren(
          el('p', null, `Utkastet är sparat i ${draft.file}. Det används inte av boten förrän en redaktör har granskat det.`),
          draft.toDo && draft.toDo.length ? el('ul', null, ...draft.toDo.map((p) => el('li', null, p.message))) : null);
      } catch (error) {
        result.replaceChildren(el('p', { class: 'error-text' }, 'Utkastet sparades inte: ' + error.message));
        save.disabled = false;
      }
    });
    return form;
  }

  document.addEventListener('guide:caseview', (event) => {
    const { id, tools } = event.detail || {};
    if (id && tools) {
      tools.append(draftPanel(id));
    }
  });

  function start() {
    const error = document.getElementById('error');
    if (error && error.parentNode) {
      error.parentNode.insertBefore(banner, error.nextSibling);
    }
    refreshStatus();
    setInterval(refreshStatus, STATUS_INTERVAL);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
