// The service-guide console: a client of the guide API (/api/guide) and the guide hub (/guide/hub).
// Everything a resident wrote is put on the page with textContent only, never parsed as HTML.
// Parts live in small modules under js/: the API, DOM helpers, the summary, the transcript, answering
// left messages, saved replies, notifications, the case history and keyboard shortcuts.
import { el, shorten, timeEl, duration, languageName, channelName, percent } from './js/dom.js';
import { api, caseUrl, describe, AuthError, isLeaving } from './js/api.js';
import { renderSummary, promiseEl, dueText } from './js/summary.js';
import { lineEl } from './js/transcript.js';
import { caseLanguage, languageBadge, translationNote } from './js/language.js';
import { buildFollowUp, emailsEl } from './js/followup.js';
import { buildReplies, expand, loadReplies } from './js/replies.js';
import { notificationControls, notifyNewCase } from './js/notify.js';
import { buildHistory } from './js/history.js';
import { installShortcuts, markShortcuts, shortcutHelp } from './js/shortcuts.js';

{

  const RECONNECT_DELAYS = [0, 2000, 5000, 10000, 20000, 30000];
  const TYPING_INTERVAL = 3000;
  const RESIDENT_TYPING_SHOWN = 3000;
  const MAX_TEXT = 5000;
  const RESOLUTIONS = ['besvarad', 'hänvisad', 'felanmälan skapad', 'ej löst', 'spam'];
  const STATUSES = { queued: 'i kö', active: 'pågår', message: 'meddelande att besvara', closed: 'avslutat' };
  const EVENT_KINDS = {
    created: 'Skapat', claimed: 'Taget', 'taken-over': 'Övertaget', 'resident-message': 'Meddelande från invånaren',
    'guide-message': 'Svar från vägledare', transferred: 'Flyttat', closed: 'Avslutat', rated: 'Betygsatt',
    released: 'Tillbaka i kön', 'queue-timeout': 'Ingen tog ärendet i tid', 'left-queue': 'Invånaren lämnade kön',
    'email-queued': 'E-post sparad för utskick', 'email-sent': 'E-post skickad', 'called-back': 'Ringt upp', reopened: 'Öppnat igen',
  };

  const $ = (id) => document.getElementById(id);
  const dom = {};

  const state = {
    me: null,
    ready: true,
    groups: [],
    lists: { queued: [], message: [], active: [] },
    listsAt: 0,
    queueLoaded: false,
    knownWaiting: null,
    openId: null,
    open: null,
    openAt: 0,
    drafts: new Map(),
    noteDrafts: new Map(),
    unread: new Map(),
    typingSent: new Map(),
    connected: false,
    everConnected: false,
  };

  /** The open case's DOM, kept between updates so that focus and typed text survive them. */
  let view = null;

  // ---------------------------------------------------------------- DOM helpers

  function minutes(seconds) {
    return Math.max(0, Math.floor(seconds / 60)) + ' min';
  }

  function isMine(item) {
    return !!item && item.status === 'active' && !!state.me && item.claimedBy === state.me.userName;
  }

  /** A waiting time that keeps counting on the page while the case is still waiting. */
  function waitEl(item, prefix) {
    const seconds = Number(item.summary && item.summary.wait) || 0;
    const live = item.status === 'queued' || item.status === 'message';
    const span = el('span', { class: 'wait' });
    span.dataset.base = String(seconds);
    span.dataset.at = String(Date.now());
    span.dataset.prefix = prefix || (live ? 'väntat ' : 'väntade ');
    if (live) {
      span.dataset.live = '1';
    }
    span.textContent = span.dataset.prefix + minutes(seconds);
    return span;
  }

  function tickWaits() {
    const now = Date.now();
    for (const span of document.querySelectorAll('.due[data-due]')) {
      dueText(span, (Date.parse(span.dataset.due) - now) / 1000);
    }
    for (const span of document.querySelectorAll('.wait[data-live]')) {
      const seconds = Number(span.dataset.base) + (now - Number(span.dataset.at)) / 1000;
      const text = span.dataset.prefix + minutes(seconds);
      if (span.textContent !== text) {
        span.textContent = text;
      }
    }
  }

  // ---------------------------------------------------------------- messages to the guide

  function announce(text) {
    const line = el('p', null, text);
    dom.announcer.append(line);
    while (dom.announcer.childElementCount > 5) {
      dom.announcer.firstElementChild.remove();
    }
    setTimeout(() => line.remove(), 20000);
  }

  let errorTimer = null;
  function showError(text) {
    if (!text) {
      return;
    }
    dom.error.replaceChildren(
      el('span', { class: 'error-text' }, text),
      el('button', { type: 'button', class: 'btn btn-small', onclick: hideError }, 'Stäng'));
    dom.error.hidden = false;
    clearTimeout(errorTimer);
    errorTimer = setTimeout(hideError, 20000);
  }

  function hideError() {
    const hadFocus = dom.error.contains(document.activeElement);
    dom.error.hidden = true;
    dom.error.replaceChildren();
    if (hadFocus && view) {
      view.title.focus();
    }
  }

  // ---------------------------------------------------------------- ready / away

  function readyKey() {
    return 'guide-console:ready:' + (state.me ? state.me.userName : '');
  }

  function loadReadyChoice() {
    try {
      const stored = window.localStorage.getItem(readyKey());
      if (stored !== null) {
        return stored === '1';
      }
    } catch { /* storage may be blocked */ }
    // The hub counts a newly connected console as ready.
    return true;
  }

  function renderReady() {
    dom.readyToggle.setAttribute('aria-pressed', state.ready ? 'true' : 'false');
    dom.readyState.textContent = state.ready ? 'Redo' : 'Borta';
    dom.readyState.dataset.state = state.ready ? 'ready' : 'away';
  }

  async function pushReady() {
    if (state.connected && hub) {
      try {
        await hub.invoke('SetReady', state.ready);
        return;
      } catch { /* fall back to the API */ }
    }
    try {
      await api('POST', '/api/guide/status', { ready: state.ready });
    } catch (error) {
      showError(describe(error, 'Att spara din status'));
    }
  }

  function toggleReady() {
    state.ready = !state.ready;
    try {
      window.localStorage.setItem(readyKey(), state.ready ? '1' : '0');
    } catch { /* storage may be blocked */ }
    renderReady();
    pushReady();
  }

  // ---------------------------------------------------------------- the queue

  let queueTimer = null;
  let queueBusy = false;
  let queueAgain = false;

  function scheduleQueue() {
    clearTimeout(queueTimer);
    queueTimer = setTimeout(reloadQueue, 150);
  }

  async function reloadQueue() {
    if (queueBusy) {
      queueAgain = true;
      return;
    }
    queueBusy = true;
    try {
      do {
        queueAgain = false;
        const [queued, message, active] = await Promise.all(
          ['queued', 'message', 'active'].map((status) => api('GET', '/api/guide/cases?status=' + status)));
        state.lists = { queued: queued || [], message: message || [], active: active || [] };
        state.listsAt = Date.now();
        noticeNewCases();
        renderQueue();
      } while (queueAgain);
    } catch (error) {
      if (!(error instanceof AuthError) && !state.queueLoaded) {
        dom.queueLoading.textContent = 'Kunde inte hämta ärendena. Försöker igen när anslutningen är tillbaka.';
      }
    } finally {
      queueBusy = false;
    }
  }

  function noticeNewCases() {
    const waiting = [...state.lists.queued, ...state.lists.message];
    const known = state.knownWaiting;
    state.knownWaiting = new Set(waiting.map((c) => c.id));
    if (!known) {
      return;
    }
    const fresh = waiting.filter((c) => !known.has(c.id));
    if (fresh.length > 3) {
      announce(`${fresh.length} nya ärenden i kön.`);
      return;
    }
    for (const item of fresh) {
      const kind = item.status === 'message' ? 'Nytt meddelande att besvara' : 'Nytt ärende i kön';
      announce(`${kind}, ${item.group}: ${shorten(item.summary && item.summary.question, 80)}`);
    }
  }

  function findCase(id) {
    const all = [...state.lists.active, ...state.lists.queued, ...state.lists.message];
    return all.find((c) => c.id === id) || (state.open && state.open.id === id ? state.open : null);
  }

  function groupOrder(a, b) {
    const own = (state.me && state.me.groups) || [];
    const ia = own.indexOf(a);
    const ib = own.indexOf(b);
    if (ia !== ib) {
      return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.localeCompare(b, 'sv');
    }
    return a.localeCompare(b, 'sv');
  }

  function byGroup(items) {
    const groups = new Map();
    for (const item of items) {
      const name = item.group || 'Utan grupp';
      if (!groups.has(name)) {
        groups.set(name, []);
      }
      groups.get(name).push(item);
    }
    return [...groups.entries()].sort((a, b) => groupOrder(a[0], b[0]));
  }

  function renderQueue() {
    const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest('#queue .case-item') : null;
    const focusedId = focused ? focused.dataset.caseId : null;
    const me = state.me ? state.me.userName : '';
    const mine = state.lists.active.filter((c) => c.claimedBy === me);
    const others = state.lists.active.filter((c) => c.claimedBy !== me);
    const sections = [
      ['queued', 'I kö', state.lists.queued, 'Ingen väntar i kön.'],
      ['message', 'Meddelanden att besvara', state.lists.message, 'Inga meddelanden att besvara.'],
      ['mine', 'Mina pågående', mine, 'Du har inga pågående chattar.'],
      ['others', 'Andras pågående', others, 'Inga andra pågående chattar.'],
    ];
    const fragment = document.createDocumentFragment();
    for (const [key, title, items, empty] of sections) {
      const headingId = 'queue-' + key;
      const section = el('section', { class: 'q-section q-' + key, 'aria-labelledby': headingId });
      section.append(el('h3', { id: headingId, class: 'q-heading' }, title, ' ', el('span', { class: 'q-count' }, `(${items.length})`)));
      if (items.length === 0) {
        section.append(el('p', { class: 'q-empty' }, empty));
      }
      for (const [group, cases] of byGroup(items)) {
        section.append(el('h4', { class: 'q-group' }, group));
        const list = el('ul', { class: 'q-list' });
        for (const item of cases) {
          list.append(el('li', null, caseItem(item, key)));
        }
        section.append(list);
      }
      fragment.append(section);
    }
    dom.queueBody.replaceChildren(fragment);
    dom.queueLoading.hidden = true;
    state.queueLoaded = true;
    if (focusedId) {
      const again = dom.queueBody.querySelector(`.case-item[data-case-id="${CSS.escape(focusedId)}"]`);
      if (again) {
        again.focus();
      }
    }
    updateTitle();
  }

  function caseItem(item, key) {
    const summary = item.summary || {};
    const late = item.message && !item.message.answeredAt && item.message.overdue;
    const button = el('button', {
      type: 'button',
      class: 'case-item' + (late ? ' case-late' : ''),
      'data-case-id': item.id,
      'aria-current': item.id === state.openId ? 'true' : null,
      onclick: () => openCase(item.id, true),
    });
    // The reason and the latest question, not every message joined.
    const badge = languageBadge(caseLanguage(item));
    button.append(el('span', { class: 'ci-question' }, shorten(summary.title || summary.question || '(ingen fråga)', 100)));
    // A language other than Swedish is a badge; Swedish stays in the line of facts.
    button.append(el('span', { class: 'ci-meta' },
      item.id, ' · ', badge ? null : [languageName(caseLanguage(item)), ' · '], channelName(item.channel || summary.channel), ' · ', waitEl(item), badge ? [' ', badge] : null));
    if (item.message) {
      button.append(el('span', { class: 'ci-due' }, promiseEl(item)));
    }
    if (key === 'others') {
      button.append(el('span', { class: 'ci-owner' }, 'Hanteras av ' + (item.claimedByName || item.claimedBy || 'okänd')));
    }
    const unread = state.unread.get(item.id) || 0;
    if (unread > 0) {
      button.append(el('span', { class: 'badge' }, unread === 1 ? '1 nytt meddelande' : `${unread} nya meddelanden`));
    }
    if (item.id === state.openId) {
      button.append(el('span', { class: 'visually-hidden' }, ' (öppet)'));
    }
    return button;
  }

  function updateTitle() {
    let unread = 0;
    for (const count of state.unread.values()) {
      unread += count;
    }
    const base = 'Vägledarkonsol – Göteborgs Stad';
    const queued = state.lists.queued.length;
    document.title = (unread > 0 ? `(${unread} nya) ` : '') + (queued > 0 ? `${queued} i kö – ` : '') + base;
  }

  // ---------------------------------------------------------------- the open case

  let openTimer = null;
  let openBusy = false;
  let openAgain = false;

  function scheduleOpen() {
    clearTimeout(openTimer);
    openTimer = setTimeout(loadOpen, 150);
  }

  async function openCase(id, focus) {
    if (state.openId !== id) {
      state.openId = id;
      state.open = null;
      try {
        history.replaceState(null, '', '#arende=' + encodeURIComponent(id));
      } catch { /* not important */ }
    }
    state.unread.delete(id);
    renderQueue();
    await loadOpen();
    if (focus && view && view.id === id) {
      view.title.focus();
    }
  }

  async function loadOpen() {
    if (!state.openId) {
      return;
    }
    if (openBusy) {
      openAgain = true;
      return;
    }
    openBusy = true;
    try {
      do {
        openAgain = false;
        const id = state.openId;
        try {
          const item = await api('GET', caseUrl(id));
          if (state.openId === id) {
            showCase(item);
          }
        } catch (error) {
          if (error instanceof AuthError) {
            return;
          }
          if (error.status === 404 && state.openId === id) {
            showMissing(id);
          } else if (state.connected) {
            showError(describe(error, 'Att hämta ärendet'));
          }
        }
      } while (openAgain);
    } finally {
      openBusy = false;
    }
  }

  function showMissing(id) {
    view = null;
    state.open = null;
    dom.caseView.replaceChildren(el('div', { class: 'case-empty' },
      el('h2', { id: 'case-view-heading', tabindex: '-1' }, 'Ärendet finns inte'),
      el('p', null, `Ärende ${id} hittades inte. Välj ett annat ärende i listan.`)));
  }

  function modeOf(item) {
    if (item.status === 'closed') {
      return 'closed';
    }
    if (item.status === 'message') {
      return 'message';
    }
    if (isMine(item)) {
      return 'mine';
    }
    return item.status === 'active' ? 'other' : 'open';
  }

  function showCase(item) {
    state.open = item;
    state.openAt = Date.now();
    if (!view || view.id !== item.id) {
      buildView(item);
    }
    updateView(item);
  }

  function buildView(item) {
    const title = el('h2', { id: 'case-view-heading', class: 'case-title', tabindex: '-1' });
    const status = el('p', { class: 'case-status' });
    const claimSlot = el('div', { class: 'claim-slot' });
    const summary = el('section', { class: 'panel summary', 'aria-labelledby': 'summary-heading' });
    const transcript = el('ol', { id: 'transcript', class: 'transcript' });
    const scroller = el('div', { class: 'transcript-scroll', tabindex: '0', role: 'region', 'aria-label': 'Samtalets meddelanden' }, transcript);
    const typing = el('p', { class: 'typing', hidden: true }, 'Invånaren skriver…');
    const translation = el('div', { class: 'translation-slot' });
    const emails = el('div', { class: 'emails-slot' });
    const replySlot = el('div', { class: 'reply-slot' });
    const toolsSlot = el('div', { class: 'tools-slot' });
    const notesList = el('div', { class: 'notes-list' });
    const noteForm = buildNoteForm(item.id);
    const eventsList = el('ol', { class: 'events' });
    const eventsSummary = el('summary', null, 'Händelser');
    const root = el('div', { class: 'case' },
      el('div', { class: 'case-head' }, title, status, claimSlot),
      el('div', { class: 'case-main' },
        summary,
        el('section', { class: 'panel conversation', 'aria-labelledby': 'transcript-heading' },
          el('h3', { id: 'transcript-heading' }, 'Samtal'),
          translation, scroller, typing, emails, replySlot)),
      el('div', { class: 'case-tools' },
        toolsSlot,
        el('section', { class: 'panel notes', 'aria-labelledby': 'notes-heading' },
          el('h3', { id: 'notes-heading' }, 'Interna anteckningar'),
          notesList, noteForm),
        el('section', { class: 'panel history', 'aria-label': 'Händelser' },
          el('details', null, eventsSummary, eventsList))));
    view = {
      id: item.id, root, title, status, claimSlot, summary, transcript, scroller, typing, translation, replySlot, toolsSlot,
      notesList, eventsList, eventsSummary, emails, modeKey: null, confirmed: 0, typingTimer: null,
    };
    dom.caseView.replaceChildren(root);
    dom.caseView.scrollTop = 0;
    // Extensions (knowledge.js) add their panels to the case's tools.
    document.dispatchEvent(new CustomEvent('guide:caseview', { detail: { id: item.id, tools: root.querySelector('.case-tools') } }));
  }

  function updateView(item) {
    const hadFocus = view.root.contains(document.activeElement);
    const summary = item.summary || {};
    view.title.textContent = `Ärende ${item.id}`;
    const badge = languageBadge(caseLanguage(item));
    view.status.replaceChildren(
      ...(badge ? [badge, ' '] : []),
      el('span', { class: 'tag' }, 'Status: ' + (STATUSES[item.status] || item.status)), ' ',
      el('span', { class: 'tag' }, 'Grupp: ' + (item.group || '–')), ' ',
      el('span', { class: 'tag' }, 'Skapat ', timeEl(item.createdAt)));
    renderSummary(view.summary, item, { waitEl, replyWindowEl });
    view.emails.replaceChildren(...[emailsEl(item.emails)].filter(Boolean));
    view.translation.replaceChildren(...[translationNote(item)].filter(Boolean));
    renderTranscript(item.transcript || []);
    renderNotes(item.notes || []);
    renderEvents(item.events || []);

    const mode = modeOf(item);
    const modeKey = mode + '|' + (item.claimedBy || '') + '|' + (item.resolution || '') + '|' + (item.rating || '');
    if (modeKey !== view.modeKey) {
      const modeChanged = !view.modeKey || view.modeKey.split('|')[0] !== mode;
      view.modeKey = modeKey;
      renderClaim(item, mode);
      if (modeChanged) {
        renderReply(item, mode);
        renderTools(item, mode);
      }
    }
    if (hadFocus && !view.root.contains(document.activeElement)) {
      view.title.focus();
    }
  }

  /** Messenger's messaging window: 24 hours for any reply, then 7 days for a guide's own replies, then closed. */
  function replyWindowEl(replyWindow) {
    switch (replyWindow.state) {
      case 'open': return el('span', null, 'öppet till ', timeEl(replyWindow.until));
      case 'human_agent': return el('strong', null, 'mer än 24 timmar sedan invånaren skrev: bara dina egna svar når fram, till ', timeEl(replyWindow.until));
      default: return el('strong', null, 'stängt sedan ', timeEl(replyWindow.until), ': Messenger tar inte emot fler svar förrän invånaren skriver igen');
    }
  }

  // ---------------------------------------------------------------- transcript

  function nearBottom() {
    const s = view.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
  }

  function scrollToEnd() {
    view.scroller.scrollTop = view.scroller.scrollHeight;
  }

  /** Appends the server's new lines; lines shown ahead of the server (from the hub) are replaced. */
  function renderTranscript(lines) {
    const stick = nearBottom() || view.confirmed === 0;
    for (const pending of view.transcript.querySelectorAll('.line-pending')) {
      pending.remove();
    }
    if (lines.length < view.confirmed) {
      view.transcript.replaceChildren();
      view.confirmed = 0;
    }
    for (const line of lines.slice(view.confirmed)) {
      view.transcript.append(lineEl(line, false));
    }
    view.confirmed = lines.length;
    if (lines.length === 0) {
      view.transcript.append(el('li', { class: 'line line-pending muted' }, 'Inga meddelanden än.'));
    }
    if (stick) {
      scrollToEnd();
    }
  }

  function appendPending(line) {
    if (!view) {
      return;
    }
    const stick = nearBottom() || line.role === 'guide';
    view.transcript.append(lineEl(line, true));
    if (stick) {
      scrollToEnd();
    }
  }

  function showResidentTyping() {
    if (!view) {
      return;
    }
    view.typing.hidden = false;
    clearTimeout(view.typingTimer);
    const current = view;
    view.typingTimer = setTimeout(() => {
      current.typing.hidden = true;
    }, RESIDENT_TYPING_SHOWN);
  }

  function hideResidentTyping() {
    if (view) {
      clearTimeout(view.typingTimer);
      view.typing.hidden = true;
    }
  }

  // ---------------------------------------------------------------- actions

  function renderClaim(item, mode) {
    const slot = view.claimSlot;
    slot.replaceChildren();
    if (mode === 'closed') {
      slot.append(el('p', { class: 'owner' }, `Ärendet är avslutat${item.resolution ? ' (' + item.resolution + ')' : ''}.`),
        el('button', { type: 'button', id: 'reopen', class: 'btn', onclick: reopen }, 'Öppna igen'));
      return;
    }
    if (mode === 'message') {
      slot.append(el('p', { class: 'owner' }, item.claimedByName ? `Meddelande att besvara – ${item.claimedByName} följer upp.` : 'Meddelande att besvara: svara via e-post eller ring upp.'));
    }
    if (mode === 'mine') {
      slot.append(el('p', { class: 'owner owner-mine' }, 'Du hanterar ärendet.'));
      return;
    }
    if (mode === 'other') {
      slot.append(el('p', { class: 'owner' }, `Hanteras av ${item.claimedByName || item.claimedBy}.`));
    }
    slot.append(el('button', { type: 'button', id: 'claim', class: 'btn btn-primary', onclick: claim }, 'Ta ärendet'));
  }

  function renderReply(item, mode) {
    const slot = view.replySlot;
    slot.replaceChildren();
    if (mode !== 'mine') {
      if (mode === 'message') {
        slot.append(el('p', { class: 'muted hint' }, 'Invånaren lämnade ett meddelande: svara via e-post eller ring upp under ”Svara invånaren”. Ta ärendet om invånaren fortfarande är kvar i chatten.'));
      } else if (mode !== 'closed') {
        slot.append(el('p', { class: 'muted hint' }, 'Ta ärendet för att kunna svara invånaren.'));
      }
      return;
    }
    const id = item.id;
    const reply = el('textarea', {
      id: 'reply', class: 'input', dir: 'auto', rows: '4', maxlength: String(MAX_TEXT), 'aria-describedby': 'reply-hint', autocomplete: 'off',
    });
    reply.value = state.drafts.get(id) || '';
    reply.addEventListener('input', () => {
      if (reply.value) {
        state.drafts.set(id, reply.value);
      } else {
        state.drafts.delete(id);
      }
      guideTyping(id, reply.value);
    });
    reply.addEventListener('keydown', (event) => {
      // "/shortcut" then Tab or Enter inserts a saved reply.
      if ((event.key === 'Tab' || event.key === 'Enter') && !event.shiftKey && !event.isComposing) {
        const expanded = expand(reply.value, item.group);
        if (expanded !== null) {
          event.preventDefault();
          reply.value = expanded;
          state.drafts.set(id, reply.value);
          announce('Sparat svar infogat.');
          return;
        }
      }
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        send();
      }
    });
    const form = el('form', { class: 'reply-form', novalidate: true },
      el('label', { for: 'reply', class: 'label-block' }, 'Svar till invånaren'),
      reply,
      el('div', { class: 'row' },
        el('p', { id: 'reply-hint', class: 'hint' }, 'Enter skickar, Shift+Enter ger ny rad, /kortkommando och Tab infogar ett sparat svar.'),
        el('button', { type: 'submit', id: 'send', class: 'btn btn-primary' }, 'Skicka')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send();
    });
    slot.append(form);
  }

  function renderTools(item, mode) {
    const slot = view.toolsSlot;
    slot.replaceChildren();
    const context = { announce, showError, refresh: scheduleOpen, insert: insertText, groups: state.groups };
    if (mode === 'message') {
      slot.append(buildFollowUp(item, context), buildTransfer(item), buildClose(item));
    } else if (mode === 'mine') {
      slot.append(buildReplies(item, context), buildKnowledge(), buildTransfer(item), buildClose(item));
    }
    markShortcuts(view.root);
  }

  function guideTyping(id, text) {
    if (!text.trim()) {
      return;
    }
    const now = Date.now();
    if (now - (state.typingSent.get(id) || 0) < TYPING_INTERVAL) {
      return;
    }
    state.typingSent.set(id, now);
    api('POST', caseUrl(id) + '/typing').catch(() => { /* typing is best effort */ });
  }

  let sending = false;
  async function send() {
    const item = state.open;
    const reply = $('reply');
    if (!item || !reply || sending) {
      return;
    }
    const text = reply.value.trim();
    if (!text) {
      reply.focus();
      return;
    }
    if (text.length > MAX_TEXT) {
      showError(`Svaret är för långt (högst ${MAX_TEXT} tecken).`);
      return;
    }
    sending = true;
    try {
      await api('POST', caseUrl(item.id) + '/messages', { text });
      if (reply.value.trim() === text) {
        reply.value = '';
      }
      if (!reply.value) {
        state.drafts.delete(item.id);
      }
      state.typingSent.delete(item.id);
      if (state.openId === item.id) {
        appendPending({ role: 'guide', from: state.me.displayName, text, timestamp: new Date().toISOString() });
        scheduleOpen();
      }
    } catch (error) {
      showError(describe(error, 'Att skicka svaret'));
      if (error.status === 409) {
        scheduleOpen();
      }
    } finally {
      sending = false;
    }
  }

  async function claim() {
    const item = state.open;
    if (!item) {
      return;
    }
    const id = item.id;
    let updated = null;
    try {
      updated = await api('POST', caseUrl(id) + '/claim');
    } catch (error) {
      if (error.status !== 409) {
        showError(describe(error, 'Att ta ärendet'));
        return;
      }
      let fresh = null;
      try {
        fresh = await api('GET', caseUrl(id));
      } catch { /* ask with what we know */ }
      if (fresh && fresh.status === 'closed') {
        showCase(fresh);
        showError('Ärendet är redan avslutat.');
        return;
      }
      const who = (fresh && (fresh.claimedByName || fresh.claimedBy)) || item.claimedByName || item.claimedBy || 'en annan vägledare';
      if (!window.confirm(`Ta över ärendet från ${who}?`)) {
        return;
      }
      try {
        updated = await api('POST', caseUrl(id) + '/claim', { takeOver: true });
      } catch (second) {
        showError(describe(second, 'Att ta över ärendet'));
        return;
      }
    }
    if (updated && state.openId === id) {
      showCase(updated);
      announce('Du har tagit ärendet.');
      const reply = $('reply');
      if (reply) {
        reply.focus();
      }
    }
    scheduleQueue();
  }

  function buildTransfer(item) {
    const select = el('select', { id: 'transfer-group', class: 'input' },
      el('option', { value: '' }, 'Välj grupp'),
      ...state.groups.filter((g) => g !== item.group).map((g) => el('option', { value: g }, g)));
    const guide = el('select', { id: 'transfer-guide', class: 'input' }, el('option', { value: '' }, 'Ingen särskild vägledare'));
    api('GET', '/api/guide/guides').then((guides) => {
      for (const g of guides || []) {
        if (state.me && g.userName === state.me.userName) continue;
        guide.append(el('option', { value: g.userName }, `${g.displayName}${g.ready ? '' : ' (borta)'}`));
      }
    }).catch(() => { /* the group choice still works */ });
    const note = el('textarea', { id: 'transfer-note', class: 'input', rows: '2', maxlength: String(MAX_TEXT), 'aria-describedby': 'transfer-hint' });
    const form = el('form', { class: 'stack', novalidate: true },
      el('label', { for: 'transfer-group', class: 'label-block' }, 'Till grupp'),
      select,
      el('label', { for: 'transfer-guide', class: 'label-block' }, 'Eller till vägledare'),
      guide,
      el('label', { for: 'transfer-note', class: 'label-block' }, 'Anteckning till den som tar över'),
      el('p', { id: 'transfer-hint', class: 'hint' }, 'Syns bara för vägledare.'),
      note,
      el('button', { type: 'submit', id: 'transfer', class: 'btn' }, 'Flytta ärendet'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const group = select.value;
      if (!group && !guide.value) {
        showError('Välj en grupp eller en vägledare att flytta ärendet till.');
        select.focus();
        return;
      }
      const id = state.openId;
      try {
        const updated = await api('POST', caseUrl(id) + '/transfer', { group: group || null, guide: guide.value || null, note: note.value.trim() || null });
        const to = guide.value ? guide.selectedOptions[0].textContent : group;
        announce(`Ärendet är flyttat till ${to}.`);
        if (state.openId === id) {
          showCase(updated);
          view.title.focus();
        }
        scheduleQueue();
      } catch (error) {
        showError(describe(error, 'Att flytta ärendet'));
      }
    });
    return el('section', { class: 'panel', 'aria-labelledby': 'transfer-heading' },
      el('h3', { id: 'transfer-heading' }, 'Flytta ärendet'), form);
  }

  async function reopen() {
    const id = state.openId;
    try {
      const updated = await api('POST', caseUrl(id) + '/reopen');
      announce('Ärendet är öppnat igen.');
      if (state.openId === id) {
        showCase(updated);
        view.title.focus();
      }
      scheduleQueue();
    } catch (error) {
      showError(describe(error, 'Att öppna ärendet igen'));
    }
  }

  /** Puts a text (a saved reply) at the end of the reply box. */
  function insertText(text) {
    const reply = $('reply');
    if (!reply || !state.open) {
      return;
    }
    reply.value = reply.value.trim() ? reply.value.replace(/\s+$/, '') + '\n\n' + text : text;
    state.drafts.set(state.open.id, reply.value);
    reply.focus();
    reply.setSelectionRange(reply.value.length, reply.value.length);
    announce('Svaret är infogat i svarsrutan.');
  }

  function buildClose(item) {
    const select = el('select', { id: 'resolution', class: 'input' },
      ...RESOLUTIONS.map((r) => el('option', { value: r }, r)));
    const back = el('input', { type: 'checkbox', id: 'back-to-bot', checked: !item || item.status !== 'message' });
    const form = el('form', { class: 'stack', novalidate: true },
      el('label', { for: 'resolution', class: 'label-block' }, 'Kategori'),
      select,
      el('div', { class: 'check' }, back, el('label', { for: 'back-to-bot' }, 'Lämna tillbaka till chattboten')),
      el('button', { type: 'submit', id: 'close-case', class: 'btn btn-danger' }, 'Avsluta ärendet'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const id = state.openId;
      try {
        const updated = await api('POST', caseUrl(id) + '/close', { resolution: select.value, backToBot: back.checked });
        state.drafts.delete(id);
        state.unread.delete(id);
        announce('Ärendet är avslutat.');
        if (state.openId === id) {
          showCase(updated);
          view.title.focus();
        }
        scheduleQueue();
      } catch (error) {
        showError(describe(error, 'Att avsluta ärendet'));
      }
    });
    return el('section', { class: 'panel', 'aria-labelledby': 'close-heading' },
      el('h3', { id: 'close-heading' }, 'Avsluta ärendet'), form);
  }

  // ---------------------------------------------------------------- knowledge search

  function buildKnowledge() {
    const input = el('input', { type: 'search', id: 'kb-search', class: 'input', autocomplete: 'off', spellcheck: 'false' });
    const status = el('p', { class: 'kb-status hint', role: 'status' });
    const results = el('ul', { class: 'kb-results' });
    let sequence = 0;
    let timer = null;

    async function search() {
      clearTimeout(timer);
      const query = input.value.trim();
      const mine = ++sequence;
      if (!query) {
        results.replaceChildren();
        status.textContent = '';
        return;
      }
      try {
        const hits = (await api('GET', '/api/guide/knowledge/search?q=' + encodeURIComponent(query))) || [];
        if (mine !== sequence) {
          return;
        }
        status.textContent = hits.length === 0 ? 'Inga träffar.' : hits.length === 1 ? '1 träff.' : `${hits.length} träffar.`;
        results.replaceChildren(...hits.slice(0, 6).map(knowledgeHit));
      } catch (error) {
        if (mine === sequence) {
          status.textContent = 'Sökningen misslyckades.';
          showError(describe(error, 'Sökningen i kunskapsbanken'));
        }
      }
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(search, 350);
    });
    const form = el('form', { class: 'kb-form', role: 'search', novalidate: true },
      el('label', { for: 'kb-search', class: 'label-block' }, 'Sök svar i kunskapsbanken'),
      el('div', { class: 'row' }, input, el('button', { type: 'submit', class: 'btn' }, 'Sök')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      search();
    });
    return el('section', { class: 'panel kb', 'aria-labelledby': 'kb-heading' },
      el('h3', { id: 'kb-heading' }, 'Kunskapsbanken'), form, status, results);
  }

  function answerFor(hit) {
    const english = state.open && state.open.summary && state.open.summary.language === 'en';
    return (english && hit.answerEn ? hit.answerEn : hit.answer) || '';
  }

  function knowledgeHit(hit) {
    const answer = answerFor(hit);
    const source = hit.source
      ? el('p', { class: 'kb-source' }, 'Källa: ',
        /^https:\/\//i.test(hit.source) ? el('a', { href: hit.source, target: '_blank', rel: 'noopener noreferrer' }, hit.source) : hit.source)
      : null;
    return el('li', { class: 'kb-hit' },
      el('h4', { class: 'kb-question' }, hit.question || hit.id),
      el('p', { class: 'kb-meta' }, `${hit.topic || 'Inget ämne'} · matchning ${percent(hit.match)}`),
      el('p', { class: 'kb-answer' }, shorten(answer, 220)),
      source,
      el('button', {
        type: 'button', class: 'btn btn-small', 'aria-label': `Infoga svaret: ${hit.question || hit.id}`,
        onclick: () => insertAnswer(hit),
      }, 'Infoga'));
  }

  function insertAnswer(hit) {
    const reply = $('reply');
    if (!reply || !state.open) {
      return;
    }
    let text = answerFor(hit);
    if (hit.source) {
      text += '\nKälla: ' + hit.source;
    }
    reply.value = reply.value.trim() ? reply.value.replace(/\s+$/, '') + '\n\n' + text : text;
    state.drafts.set(state.open.id, reply.value);
    reply.focus();
    reply.setSelectionRange(reply.value.length, reply.value.length);
    reply.scrollTop = reply.scrollHeight;
    announce('Svaret är infogat i svarsrutan.');
  }

  // ---------------------------------------------------------------- notes and history

  function buildNoteForm(id) {
    const note = el('textarea', { id: 'note', class: 'input', rows: '3', maxlength: String(MAX_TEXT), 'aria-describedby': 'note-hint' });
    note.value = state.noteDrafts.get(id) || '';
    note.addEventListener('input', () => {
      if (note.value) {
        state.noteDrafts.set(id, note.value);
      } else {
        state.noteDrafts.delete(id);
      }
    });
    const form = el('form', { class: 'stack', novalidate: true },
      el('label', { for: 'note', class: 'label-block' }, 'Ny anteckning'),
      el('p', { id: 'note-hint', class: 'hint' }, 'Syns bara för vägledare, aldrig för invånaren.'),
      note,
      el('button', { type: 'submit', id: 'save-note', class: 'btn' }, 'Spara anteckning'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = note.value.trim();
      if (!text) {
        note.focus();
        return;
      }
      try {
        const updated = await api('POST', caseUrl(id) + '/notes', { text });
        if (note.value.trim() === text) {
          note.value = '';
        }
        if (!note.value) {
          state.noteDrafts.delete(id);
        }
        announce('Anteckningen är sparad.');
        if (state.openId === id && updated) {
          showCase(updated);
        }
      } catch (error) {
        showError(describe(error, 'Att spara anteckningen'));
      }
    });
    return form;
  }

  function renderNotes(notes) {
    if (notes.length === 0) {
      view.notesList.replaceChildren(el('p', { class: 'muted' }, 'Inga anteckningar än.'));
      return;
    }
    view.notesList.replaceChildren(el('ul', { class: 'note-items' }, ...notes.map((n) => el('li', { class: 'note-item' },
      el('p', { class: 'line-head' }, el('span', { class: 'sender' }, n.author || 'okänd'), ' ', timeEl(n.at)),
      el('p', { class: 'line-text' }, n.text || '')))));
  }

  function renderEvents(events) {
    view.eventsSummary.textContent = `Händelser (${events.length})`;
    view.eventsList.replaceChildren(...events.map((e) => el('li', null,
      timeEl(e.at), ' ', el('span', { class: 'event-kind' }, EVENT_KINDS[e.kind] || e.kind),
      e.actor ? ` av ${e.actor}` : '', e.text ? `: ${e.text}` : '')));
  }

  // ---------------------------------------------------------------- groups

  async function loadGroups() {
    try {
      const groups = await api('GET', '/api/guide/groups');
      state.groups = Array.isArray(groups) ? groups : [];
    } catch { /* the transfer list stays as it was */ }
  }

  // ---------------------------------------------------------------- hub

  let hub = null;
  let startTimer = null;
  let starting = false;

  function setConnection(status) {
    const texts = { connecting: 'Ansluter…', connected: 'Ansluten', reconnecting: 'Återansluter…' };
    if (dom.connection.dataset.state !== status) {
      dom.connection.dataset.state = status;
      dom.connection.textContent = texts[status];
    }
  }

  function createHub() {
    // WebSockets without the negotiate round trip: behind a round-robin load balancer the negotiate
    // request and the connection could reach different instances (see README, Run several instances).
    hub = new signalR.HubConnectionBuilder()
      .withUrl('/guide/hub', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
      .withAutomaticReconnect(RECONNECT_DELAYS)
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    hub.on('queueChanged', scheduleQueue);
    hub.on('caseUpdated', (caseId) => {
      if (caseId === state.openId) {
        scheduleOpen();
      }
    });
    hub.on('residentMessage', onResidentMessage);
    hub.on('caseCreated', (info) => info && notifyNewCase(info, state.me, (id) => openCase(id, true)));
    hub.on('caseAssigned', (info) => {
      if (info && state.me && info.guide === state.me.userName) {
        announce(`Ärende ${info.caseId} har flyttats till dig.`);
        notifyNewCase({ ...info, group: (state.me.groups || [])[0], status: 'active' }, state.me, (id) => openCase(id, true));
        scheduleQueue();
      }
    });
    hub.on('residentTyping', (caseId) => {
      if (caseId === state.openId) {
        showResidentTyping();
      }
    });
    hub.onreconnecting(() => {
      state.connected = false;
      setConnection('reconnecting');
      // The sign-in may have ended rather than the server: then go to the sign-in page at once.
      setTimeout(() => api('GET', '/api/guide/me').catch(() => { /* AuthError already redirected */ }), 2500);
    });
    hub.onreconnected(() => {
      state.connected = true;
      setConnection('connected');
      afterConnect();
    });
    hub.onclose(() => {
      state.connected = false;
      setConnection('reconnecting');
      scheduleStart();
    });
  }

  async function startHub() {
    clearTimeout(startTimer);
    startTimer = null;
    if (starting || hub.state !== signalR.HubConnectionState.Disconnected) {
      return;
    }
    starting = true;
    try {
      await hub.start();
      starting = false;
      state.connected = true;
      state.everConnected = true;
      setConnection('connected');
      await afterConnect();
    } catch {
      starting = false;
      if (hub.state === signalR.HubConnectionState.Connected) {
        return;
      }
      state.connected = false;
      setConnection(state.everConnected ? 'reconnecting' : 'connecting');
      // Signed out (e.g. the cookie expired)? api() sends the guide to the sign-in page.
      try {
        await api('GET', '/api/guide/me');
      } catch (error) {
        if (error instanceof AuthError) {
          return;
        }
      }
      scheduleStart();
    }
  }

  /** Keeps trying for as long as the page is open: the server may be restarting. */
  function scheduleStart() {
    if (startTimer || isLeaving()) {
      return;
    }
    startTimer = setTimeout(startHub, 5000 + Math.floor(Math.random() * 5000));
  }

  async function afterConnect() {
    try {
      await hub.invoke('SetReady', state.ready);
    } catch {
      pushReady();
    }
    try {
      const me = await api('GET', '/api/guide/me');
      if (me) {
        state.me = me;
        dom.guideName.textContent = me.displayName || me.userName;
      }
    } catch (error) {
      if (error instanceof AuthError) {
        return;
      }
    }
    await Promise.all([loadGroups(), reloadQueue(), loadOpen()]);
  }

  function onResidentMessage(caseId, message) {
    const text = message && typeof message.text === 'string' ? message.text : '';
    if (caseId === state.openId && view && view.id === caseId) {
      hideResidentTyping();
      appendPending({ role: 'resident', text, timestamp: (message && message.timestamp) || new Date().toISOString() });
      announce('Nytt meddelande från invånaren: ' + shorten(text, 300));
      scheduleOpen();
      return;
    }
    const item = findCase(caseId);
    if (item && isMine(item)) {
      state.unread.set(caseId, (state.unread.get(caseId) || 0) + 1);
      renderQueue();
      announce(`Nytt meddelande i ärende ${caseId}: ${shorten(text, 120)}`);
    }
  }

  // ---------------------------------------------------------------- start

  function setup() {
    dom.readyToggle = $('ready-toggle');
    dom.readyState = $('ready-state');
    dom.connection = $('connection-status');
    dom.guideName = $('guide-name');
    dom.queueBody = $('queue-body');
    dom.queueLoading = $('queue-loading');
    dom.caseView = $('case-view');
    dom.announcer = $('announcer');
    dom.error = $('error');
    dom.readyToggle.addEventListener('click', toggleReady);
    $('notify-slot').replaceChildren(notificationControls(), shortcutHelp());
    $('queue').append(buildHistory({ open: (id) => openCase(id, true), showError }));
    installShortcuts();
    loadReplies();
    setConnection('connecting');
    init();
  }

  async function init() {
    try {
      state.me = await api('GET', '/api/guide/me');
    } catch (error) {
      if (!(error instanceof AuthError)) {
        dom.queueLoading.textContent = 'Servern svarar inte. Försöker igen…';
        setTimeout(init, 5000);
      }
      return;
    }
    dom.guideName.textContent = state.me.displayName || state.me.userName;
    state.ready = loadReadyChoice();
    renderReady();

    const match = /^#arende=(.+)$/.exec(window.location.hash);
    await Promise.all([loadGroups(), reloadQueue()]);
    if (match) {
      openCase(decodeURIComponent(match[1]), false);
    }
    setInterval(tickWaits, 5000);
    setInterval(() => {
      if (state.connected) {
        reloadQueue();
      }
    }, 60000);

    if (typeof signalR === 'undefined') {
      showError('Realtidsanslutningen kunde inte laddas. Ladda om sidan.');
      return;
    }
    createHub();
    startHub();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setup, { once: true });
  } else {
    setup();
  }
}
