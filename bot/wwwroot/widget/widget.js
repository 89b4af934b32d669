/*
 * Göteborgs Stad chat widget: plain ES2020, no dependencies, no build step.
 * Talks Direct Line 3.0 to the bot host (design/protocols.md §3). The only global is window.CityChat.
 * Stable hooks for tests (keep): #cb-launcher, #cb-panel, #cb-log, .cb-msg-bot, .cb-msg-user,
 * #cb-input, #cb-form, #cb-typing, .cb-actions button, .cb-alert, #cb-lang
 */
(() => {
  'use strict';

  const script = document.currentScript;
  // Same origin as this script unless the host page says otherwise (data-bot-url="https://…").
  const BASE = ((script && (script.dataset.botUrl || new URL(script.src, location.href).origin)) || '').replace(/\/$/, '');
  const STORE_KEY = 'cb-chat';
  const MAX_LEN = 2000;
  const POLL_MS = 1000;
  const REFRESH_MS = 15 * 60 * 1000;
  const ALERTS_MS = 5 * 60 * 1000;

  const STRINGS = {
    sv: {
      locale: 'sv-SE', otherLang: 'English', otherCode: 'en',
      launcher: 'Chatta med oss', title: 'Chatta med Göteborgs Stad', close: 'Stäng chatten',
      log: 'Meddelanden', label: 'Skriv ditt meddelande', send: 'Skicka',
      notice: 'Skriv inte personnummer eller andra känsliga uppgifter.',
      privacy: 'Så hanterar vi dina uppgifter', typing: 'Chattboten skriver…',
      bot: 'Chattbot', you: 'Du', guide: 'Vägledare', sending: 'Skickas…',
      failed: 'Kunde inte skickas – försök igen', retry: 'Försök igen',
      connectError: 'Chatten kunde inte ansluta. Försök igen om en stund.',
      ended: 'Samtalet är avslutat', suggestions: 'Förslag', newTab: ' (öppnas i ny flik)',
      download: 'Ladda ner',
      attach: 'Bifoga en bild', tooLarge: 'Bilden är för stor (högst 10 MB)',
      badType: 'Den filtypen kan inte skickas. Skicka en bild (JPEG, PNG, HEIC, WebP) eller en PDF.',
      quota: 'Du har skickat så många filer att det inte går att skicka fler just nu.',
    },
    en: {
      locale: 'en-US', otherLang: 'Svenska', otherCode: 'sv',
      launcher: 'Chat with us', title: 'Chat with the City of Gothenburg', close: 'Close the chat',
      log: 'Messages', label: 'Write your message', send: 'Send',
      notice: 'Do not write personal identity numbers or other sensitive information.',
      privacy: 'How we handle your data', typing: 'The chatbot is typing…',
      bot: 'Chatbot', you: 'You', guide: 'Service guide', sending: 'Sending…',
      failed: 'Could not be sent – please try again', retry: 'Try again',
      connectError: 'The chat could not connect. Please try again in a while.',
      ended: 'The conversation has ended', suggestions: 'Suggestions', newTab: ' (opens in a new tab)',
      download: 'Download',
      attach: 'Attach a photo', tooLarge: 'The photo is too large (at most 10 MB)',
      badType: 'That kind of file cannot be sent. Send a photo (JPEG, PNG, HEIC, WebP) or a PDF.',
      quota: 'You have sent so many files that no more can be sent right now.',
    },
  };

  // ---- State --------------------------------------------------------------------------------

  const saved = load();
  let lang = STRINGS[saved.lang] ? saved.lang : /^en/i.test(document.documentElement.lang) ? 'en' : 'sv';
  const t = (key) => STRINGS[lang][key];

  // A reload continues the stored conversation; the watermark restarts because the transcript is replayed.
  const dl = { conversationId: saved.conversationId || null, token: null, userId: null, watermark: '' };
  const seen = new Set();          // activity ids already rendered
  const pending = new Map();       // clientActivityID -> user message element
  let connecting = null;           // promise of a started/resumed conversation
  let socket = null;
  let wsFailures = 0;              // sockets that closed before opening; 2 → poll instead
  let attempts = 0;
  let reconnectTimer = null;
  let pollTimer = null;
  let refreshTimer = null;
  let alertsTimer = null;
  let alertsKey = '';
  let typingUntil = 0;
  // While a service guide answers, the guide sees when the resident is typing (at most every few seconds).
  let guideAnswering = false;
  let typingSentAt = 0;
  let typingTimer = null;
  let connError = null;
  let atBottom = true;
  let ui = null;
  // Where the panel covers the whole viewport (same query as widget.css) it behaves as a modal dialog.
  const fullScreen = window.matchMedia('(max-width: 30em), (max-height: 30em)');

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(STORE_KEY)) || {};
    } catch {
      return {};
    }
  }

  function save(extra) {
    const data = { ...load(), lang, conversationId: dl.conversationId, token: dl.token, watermark: dl.watermark, ...extra };
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify(data));
    } catch {
      // Storage may be disabled; the chat still works for this page view.
    }
  }

  // ---- DOM helpers --------------------------------------------------------------------------

  /** Creates an element. Children are nodes or strings (always inserted as text, never as HTML). */
  function h(tag, props = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'i18n') { el.dataset.i18n = value; el.textContent = t(value); }
      else if (key === 'i18nLabel') { el.dataset.i18nLabel = value; el.setAttribute('aria-label', t(value)); }
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : value);
    }
    el.append(...children.filter((c) => c != null && c !== false));
    return el;
  }

  function chatIcon() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
    svg.append(path);
    return svg;
  }

  function build() {
    const launcher = h('button', { id: 'cb-launcher', class: 'cb-launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'cb-panel' },
      chatIcon(), h('span', { i18n: 'launcher' }));
    const langBtn = h('button', { id: 'cb-lang', class: 'cb-hbtn', type: 'button' }, h('span', { i18n: 'otherLang' }));
    const closeBtn = h('button', { class: 'cb-hbtn cb-close', type: 'button', i18nLabel: 'close' }, h('span', { 'aria-hidden': 'true' }, '×'));
    const alerts = h('div', { class: 'cb-alerts' });
    const log = h('div', { id: 'cb-log', class: 'cb-log', role: 'log', 'aria-live': 'polite', tabindex: '0', i18nLabel: 'log' });
    const typing = h('div', { id: 'cb-typing', class: 'cb-typing', 'aria-hidden': 'true', hidden: true }, h('span', { i18n: 'typing' }));
    const input = h('textarea', { id: 'cb-input', class: 'cb-input', rows: '2', maxlength: String(MAX_LEN), autocomplete: 'off', 'aria-describedby': 'cb-notice' });
    // A photo for a fault report goes through Direct Line's upload endpoint (multipart).
    const fileInput = h('input', { id: 'cb-file', class: 'cb-file', type: 'file', accept: 'image/*', tabindex: '-1', 'aria-hidden': 'true' });
    const attachBtn = h('button', { id: 'cb-attach', class: 'cb-attach', type: 'button', i18nLabel: 'attach', title: t('attach') },
      h('span', { 'aria-hidden': 'true' }, '📎'));
    attachBtn.addEventListener('click', () => fileInput.click());
    fileInput.addEventListener('change', () => {
      const file = fileInput.files && fileInput.files[0];
      fileInput.value = '';
      if (file) sendFile(file);
    });
    const form = h('form', { id: 'cb-form', class: 'cb-form', novalidate: true },
      h('label', { for: 'cb-input', class: 'cb-sr', i18n: 'label' }),
      input,
      fileInput, attachBtn,
      h('button', { type: 'submit', class: 'cb-send', i18n: 'send' }));
    const panel = h('div', { id: 'cb-panel', class: 'cb-panel', role: 'dialog', 'aria-labelledby': 'cb-title', hidden: true },
      h('div', { class: 'cb-header' }, h('h2', { id: 'cb-title', class: 'cb-title', i18n: 'title' }), langBtn, closeBtn),
      alerts, log, typing,
      h('p', { class: 'cb-notice' }, h('span', { id: 'cb-notice', i18n: 'notice' }), ' ',
        h('a', { href: `${BASE}/integritet.html`, i18n: 'privacy' })),
      form);
    const root = h('div', { class: 'cb-root' }, launcher, panel);
    document.body.append(root);
    return { root, launcher, panel, langBtn, closeBtn, alerts, log, typing, input, form };
  }

  function applyLanguage() {
    ui.panel.lang = lang;
    ui.launcher.lang = lang;
    ui.langBtn.lang = t('otherCode');
    for (const el of ui.root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of ui.root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  }

  // ---- Text rendering (never innerHTML) -------------------------------------------------------

  // **bold**, [text](http(s)://…) and bare http(s) URLs; everything else stays literal text.
  const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"]+)/gi;

  function safeUrl(value) {
    try {
      const url = new URL(value, location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }

  function link(href, ...label) {
    return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, ...label, h('span', { class: 'cb-sr', i18n: 'newTab' }));
  }

  function appendInline(parent, text) {
    let last = 0;
    for (const m of text.matchAll(INLINE)) {
      parent.append(text.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[1] !== undefined) {
        const strong = h('strong');
        appendInline(strong, m[1]);
        parent.append(strong);
      } else if (m[2] !== undefined) {
        const href = safeUrl(m[3]);
        parent.append(href ? link(href, m[2]) : m[0]);
      } else {
        // A sentence's full stop or closing bracket after a bare URL is not part of it.
        const trail = m[4].match(/[.,;:!?)\]]+$/);
        const raw = trail ? m[4].slice(0, -trail[0].length) : m[4];
        const href = safeUrl(raw);
        parent.append(href ? link(href, raw) : raw, trail ? trail[0] : '');
      }
    }
    parent.append(text.slice(last));
  }

  function renderMarkdown(text) {
    const fragment = document.createDocumentFragment();
    for (const para of text.split(/\n{2,}/)) {
      if (!para.trim()) continue;
      const p = h('p');
      para.split('\n').forEach((line, i) => {
        if (i) p.append(h('br'));
        appendInline(p, line);
      });
      fragment.append(p);
    }
    return fragment;
  }

  function renderAttachments(body, attachments) {
    for (const a of attachments || []) {
      const href = a && typeof a.contentUrl === 'string' ? safeUrl(a.contentUrl) : null;
      if (!href) continue;
      const name = typeof a.name === 'string' ? a.name : '';
      if (/^image\//i.test(a.contentType || '')) {
        body.append(h('img', { class: 'cb-img', src: href, alt: name }));
      } else {
        body.append(h('p', {}, h('a', { href, download: name || true }, `${t('download')}: ${name || href}`)));
      }
    }
  }

  // ---- Transcript ---------------------------------------------------------------------------

  function senderOf(activity) {
    const from = activity.from || {};
    if (from.role === 'user' || (dl.userId && from.id === dl.userId)) return 'user';
    return String(from.id || '').startsWith('guide:') ? 'guide' : 'bot';
  }

  function renderMessage(kind, activity) {
    const user = kind === 'user';
    const el = h('div', {
      class: `cb-msg cb-msg-${user ? 'user' : 'bot'}${kind === 'guide' ? ' cb-msg-guide' : ''}`,
      lang: !user && typeof activity.locale === 'string' ? activity.locale : null,
    });
    if (kind === 'guide') {
      el.append(h('span', { class: 'cb-sender' }, (activity.from && activity.from.name) || t('guide'), h('span', { class: 'cb-sr' }, ': ')));
    } else {
      el.append(h('span', { class: 'cb-sr' }, h('span', { i18n: user ? 'you' : 'bot' }), ': '));
    }
    const body = h('div', { class: 'cb-body' });
    const text = typeof activity.text === 'string' ? activity.text : '';
    if (text && !user && activity.textFormat !== 'plain') body.append(renderMarkdown(text));
    else if (text) body.append(h('p', { class: 'cb-plain' }, text));
    renderAttachments(body, activity.attachments);
    el.append(body);
    return el;
  }

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
    atBottom = true;
  }

  function clearActions() {
    for (const box of ui.log.querySelectorAll('.cb-actions')) box.remove();
  }

  function addMessage(el, activity) {
    clearActions();
    ui.log.append(el);
    const actions = activity && activity.suggestedActions;
    const to = actions && actions.to;
    if (actions && Array.isArray(actions.actions) && (!Array.isArray(to) || !to.length || to.includes(dl.userId))) {
      renderActions(actions.actions);
    }
    scrollDown();
  }

  function renderActions(actions) {
    const buttons = actions.map(actionButton).filter(Boolean);
    if (buttons.length) ui.log.append(h('div', { class: 'cb-actions', role: 'group', i18nLabel: 'suggestions' }, ...buttons));
  }

  function actionButton(action) {
    if (!action || typeof action !== 'object') return null;
    const value = action.value;
    const title = action.title || (typeof value === 'string' ? value : action.text) || '';
    if (!title) return null;
    let run;
    if (action.type === 'openUrl') {
      const href = typeof value === 'string' && /^https?:/i.test(value) ? safeUrl(value) : null;
      if (!href) return null;
      run = () => window.open(href, '_blank', 'noopener,noreferrer');
    } else if (action.type === 'imBack' && typeof value === 'string') {
      run = () => send(value);
    } else if (action.type === 'postBack' && typeof value === 'string') {
      run = () => send(value, { channelData: { postBack: true } });
    } else if (action.type === 'messageBack') {
      const text = typeof action.text === 'string' ? action.text : typeof value === 'string' ? value : undefined;
      const display = action.displayText || text || title;
      run = () => send(text, { display, value: typeof value === 'object' ? value : undefined, channelData: { messageBack: { displayText: display } } });
    } else {
      return null;
    }
    return h('button', {
      type: 'button',
      class: 'cb-action',
      onclick: () => {
        run();
        ui.input.focus();
      },
    }, title);
  }

  function addNote(key, retry) {
    const note = h('div', { class: `cb-note${retry ? ' cb-error' : ''}` }, h('span', { i18n: key }),
      retry && h('button', { type: 'button', class: 'cb-retry', onclick: retry, i18n: 'retry' }));
    ui.log.append(note);
    scrollDown();
    return note;
  }

  function setStatus(el, key, retry) {
    const status = el.querySelector('.cb-status') || el.appendChild(h('div', { class: 'cb-status' }));
    status.replaceChildren(...(key ? [h('span', { i18n: key })] : []),
      ...(retry ? [' ', h('button', { type: 'button', class: 'cb-retry', onclick: retry, i18n: 'retry' })] : []));
    el.classList.toggle('cb-sending', key === 'sending');
    el.classList.toggle('cb-failed', key === 'failed');
  }

  function markSent(el, id) {
    if (id) el.dataset.id = id;
    setStatus(el, null);
  }

  // ---- Typing indicator ---------------------------------------------------------------------

  function showTyping(ms) {
    typingUntil = Math.max(typingUntil, Date.now() + ms);
    ui.typing.hidden = false;
    ui.typing.setAttribute('aria-hidden', 'false');
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, typingUntil - Date.now());
  }

  function hideTyping() {
    typingUntil = 0;
    clearTimeout(typingTimer);
    ui.typing.hidden = true;
    ui.typing.setAttribute('aria-hidden', 'true');
  }

  // ---- Incoming activities ------------------------------------------------------------------

  function onActivitySet(set) {
    if (!set || !Array.isArray(set.activities)) return;
    for (const activity of set.activities) {
      if (activity && typeof activity === 'object') onActivity(activity);
    }
    if (set.watermark) {
      dl.watermark = String(set.watermark);
      save();
    }
  }

  function onActivity(activity) {
    if (activity.id) {
      if (seen.has(activity.id)) return;
      seen.add(activity.id);
    }
    const kind = senderOf(activity);
    if (activity.type === 'event' && activity.name === 'handoff.status') {
      const state = activity.value && activity.value.state;
      if (state === 'accepted') guideAnswering = true;
      if (state === 'completed' || state === 'failed') guideAnswering = false;
    } else if (activity.type === 'typing') {
      // Replayed history may contain old typing activities; only fresh ones mean "now".
      const age = Date.now() - Date.parse(activity.timestamp || '');
      if (kind !== 'user' && !(age > 10000)) showTyping(3000);
    } else if (activity.type === 'endOfConversation') {
      hideTyping();
      addNote('ended');
    } else if (activity.type === 'message') {
      if (kind === 'user') return onUserEcho(activity);
      hideTyping();
      addMessage(renderMessage(kind, activity), activity);
    }
  }

  function onUserEcho(activity) {
    const channelData = activity.channelData || {};
    const el = pending.get(channelData.clientActivityID);
    if (el) {
      pending.delete(channelData.clientActivityID);
      markSent(el, activity.id);
      return;
    }
    const display = channelData.messageBack && channelData.messageBack.displayText;
    addMessage(renderMessage('user', display ? { ...activity, text: display } : activity));
  }

  // ---- Sending ------------------------------------------------------------------------------

  function newId() {
    return (crypto.randomUUID && crypto.randomUUID()) || `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  }

  function send(text, { display, value, channelData } = {}) {
    const activity = { type: 'message', locale: t('locale'), channelData: { clientActivityID: newId(), ...channelData } };
    if (typeof text === 'string') activity.text = text.slice(0, MAX_LEN);
    if (value !== undefined) activity.value = value;
    const el = renderMessage('user', { text: display || text });
    pending.set(activity.channelData.clientActivityID, el);
    addMessage(el);
    postActivity(activity, el);
  }

  async function postActivity(activity, el) {
    setStatus(el, 'sending');
    showTyping(10000);
    try {
      await ready();
      activity.from = { id: dl.userId, role: 'user' };
      const result = await api('POST', `${conversationPath()}/activities`, activity);
      if (el.classList.contains('cb-sending')) markSent(el, result && result.id);
    } catch {
      hideTyping();
      if (el.dataset.id) return; // the echo arrived, so the server has it
      setStatus(el, 'failed', () => postActivity(activity, el));
      scrollDown();
    }
  }

  async function sendFile(file) {
    const clientId = newId();
    const el = renderMessage('user', { text: `📎 ${file.name}` });
    pending.set(clientId, el);
    addMessage(el);
    if (file.size > 10 * 1024 * 1024) {
      pending.delete(clientId);
      setStatus(el, 'tooLarge');
      return;
    }
    setStatus(el, 'sending');
    showTyping(10000);
    try {
      await ready();
      const activity = { type: 'message', locale: t('locale'), from: { id: dl.userId, role: 'user' }, channelData: { clientActivityID: clientId } };
      const body = new FormData();
      body.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }), 'blob');
      body.append('file', file, file.name);
      const response = await fetch(`${BASE}${conversationPath()}/upload?userId=${encodeURIComponent(dl.userId || '')}`, {
        method: 'POST', headers: { Authorization: `Bearer ${dl.token}` }, body,
      });
      // Refusals the resident can act on are shown as such, without a retry that would fail the same way.
      const refusal = { 413: 'tooLarge', 415: 'badType', 429: 'quota', 503: 'quota' }[response.status];
      if (refusal) {
        hideTyping();
        pending.delete(clientId);
        setStatus(el, refusal);
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const result = await response.json().catch(() => null);
      if (el.classList.contains('cb-sending')) markSent(el, result && result.id);
    } catch {
      hideTyping();
      if (el.dataset.id) return;
      setStatus(el, 'failed', () => sendFile(file));
    }
  }

  function sendTyping() {
    if (!guideAnswering || !dl.conversationId || Date.now() - typingSentAt < 3000) return;
    typingSentAt = Date.now();
    api('POST', `${conversationPath()}/activities`, { type: 'typing', from: { id: dl.userId, role: 'user' } })
      .catch(() => { /* typing is best effort */ });
  }

  function submit() {
    const text = ui.input.value.trim();
    if (!text) return;
    ui.input.value = '';
    send(text);
  }

  // ---- Direct Line client -------------------------------------------------------------------

  async function api(method, path, body, auth = true) {
    const headers = { Accept: 'application/json' };
    if (auth) headers.Authorization = `Bearer ${dl.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 20000);
    try {
      const response = await fetch(BASE + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: abort.signal,
      });
      const data = await response.json().catch(() => null);
      if (!response.ok) {
        const error = new Error((data && data.error && data.error.message) || `HTTP ${response.status}`);
        error.status = response.status;
        throw error;
      }
      return data;
    } finally {
      clearTimeout(timer);
    }
  }

  const conversationPath = () => `/v3/directline/conversations/${encodeURIComponent(dl.conversationId)}`;
  const isGone = (error) => error.status === 403 || error.status === 404;

  function setToken(token) {
    if (!token) return;
    dl.token = token;
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      dl.userId = JSON.parse(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '='))).user || dl.userId;
    } catch {
      // Not a JWT: the server assigns the user id anyway.
    }
  }

  function ready() {
    if (!connecting) {
      connecting = connect().catch((error) => {
        connecting = null;
        throw error;
      });
    }
    return connecting;
  }

  async function connect() {
    if (dl.conversationId && dl.token) {
      try {
        // Empty watermark: replay the whole conversation so the transcript comes back after a reload.
        return begin(await api('GET', `${conversationPath()}?watermark=`));
      } catch (error) {
        if (!isGone(error)) throw error;
        forget();
      }
    }
    const start = await api('POST', '/api/directline/token', {}, false);
    setToken(start.token);
    dl.conversationId = start.conversationId;
    return begin(await api('POST', '/v3/directline/conversations', { locale: t('locale') }));
  }

  function begin(conversation) {
    dl.conversationId = conversation.conversationId || dl.conversationId;
    setToken(conversation.token);
    save();
    clearConnError();
    openStream(conversation.streamUrl);
    clearInterval(refreshTimer);
    refreshTimer = setInterval(refreshToken, REFRESH_MS);
  }

  function openStream(url) {
    closeStream();
    if (!url || typeof WebSocket === 'undefined' || wsFailures >= 2) return startPolling();
    let ws;
    try {
      ws = new WebSocket(url);
    } catch {
      return startPolling();
    }
    let opened = false;
    socket = ws;
    ws.onopen = () => {
      opened = true;
      wsFailures = 0;
    };
    ws.onmessage = (event) => {
      attempts = 0;
      if (typeof event.data !== 'string' || !event.data) return; // empty frames are keep-alives
      try {
        onActivitySet(JSON.parse(event.data));
      } catch {
        // A malformed frame must not stop the stream.
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return; // closed on purpose
      socket = null;
      if (!opened) wsFailures += 1;
      scheduleReconnect();
    };
  }

  function closeStream() {
    const ws = socket;
    socket = null;
    if (ws) ws.close();
  }

  function scheduleReconnect() {
    clearTimeout(reconnectTimer);
    const base = Math.min(15000, 1000 * 2 ** attempts);
    attempts += 1;
    reconnectTimer = setTimeout(reconnect, Math.min(15000, base * (0.8 + Math.random() * 0.4)));
  }

  async function reconnect() {
    reconnectTimer = null;
    try {
      const conversation = await api('GET', `${conversationPath()}?watermark=${encodeURIComponent(dl.watermark || '')}`);
      setToken(conversation.token);
      save();
      clearConnError();
      openStream(conversation.streamUrl);
    } catch (error) {
      if (isGone(error)) return lost();
      if (attempts >= 3) showConnError();
      scheduleReconnect();
    }
  }

  function startPolling() {
    clearTimeout(pollTimer);
    poll();
  }

  async function poll() {
    try {
      onActivitySet(await api('GET', `${conversationPath()}/activities?watermark=${encodeURIComponent(dl.watermark || '')}`));
      clearConnError();
    } catch (error) {
      if (isGone(error)) return lost();
    }
    pollTimer = setTimeout(poll, POLL_MS);
  }

  async function refreshToken() {
    try {
      setToken((await api('POST', '/v3/directline/tokens/refresh')).token);
      save();
    } catch (error) {
      if (isGone(error)) clearInterval(refreshTimer);
    }
  }

  function forget() {
    dl.conversationId = null;
    dl.token = null;
    dl.watermark = '';
    save();
  }

  /** The conversation expired or is unknown: stop, and let the retry button start a new one. */
  function lost() {
    closeStream();
    clearTimeout(reconnectTimer);
    clearTimeout(pollTimer);
    clearInterval(refreshTimer);
    reconnectTimer = null;
    connecting = null;
    forget();
    hideTyping();
    showConnError();
  }

  function showConnError() {
    hideTyping();
    if (!connError) connError = addNote('connectError', retryConnection);
  }

  function clearConnError() {
    if (connError) connError.remove();
    connError = null;
  }

  function retryConnection() {
    clearConnError();
    if (reconnectTimer) {
      clearTimeout(reconnectTimer);
      reconnect();
    } else {
      ready().catch(showConnError);
    }
  }

  // ---- Crisis alerts ------------------------------------------------------------------------

  async function loadAlerts() {
    let list = [];
    try {
      const response = await fetch(`${BASE}/api/alerts`, { headers: { Accept: 'application/json' } });
      const data = response.ok ? await response.json() : null;
      if (Array.isArray(data)) list = data;
    } catch {
      // Any error means "no alerts".
    }
    const now = Date.now();
    list = list.filter((a) => a && typeof a.text === 'string' && a.text.trim() && !(Date.parse(a.expiresAt) < now));
    const key = JSON.stringify(list.map((a) => [a.id, a.text]));
    if (key === alertsKey) return; // unchanged: don't re-announce
    alertsKey = key;
    ui.alerts.replaceChildren(...list.map((a) => h('div', { class: 'cb-alert', role: 'status' }, a.text)));
  }

  // ---- Open / close -------------------------------------------------------------------------

  function keepFocusInside(event) {
    const items = [...ui.panel.querySelectorAll('button, a[href], textarea, [tabindex="0"]')].filter((el) => el.offsetParent);
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function open(focus = true) {
    if (ui.panel.hidden) {
      ui.panel.hidden = false;
      ui.launcher.setAttribute('aria-expanded', 'true');
      ui.root.classList.add('cb-is-open');
      ui.panel.setAttribute('aria-modal', String(fullScreen.matches));
      save({ open: true });
      ready().catch(showConnError);
      loadAlerts();
      alertsTimer = setInterval(loadAlerts, ALERTS_MS);
      scrollDown();
    }
    if (focus) ui.input.focus();
  }

  function close() {
    if (ui.panel.hidden) return;
    const hadFocus = ui.panel.contains(document.activeElement);
    ui.panel.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.root.classList.remove('cb-is-open');
    clearInterval(alertsTimer);
    save({ open: false });
    if (hadFocus) ui.launcher.focus();
  }

  function init() {
    setToken(saved.token);
    ui = build();
    applyLanguage();
    ui.launcher.addEventListener('click', () => (ui.panel.hidden ? open() : close()));
    ui.closeBtn.addEventListener('click', close);
    ui.langBtn.addEventListener('click', () => {
      lang = t('otherCode');
      applyLanguage();
      save();
    });
    ui.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
        ui.launcher.focus();
      } else if (event.key === 'Tab' && fullScreen.matches) {
        keepFocusInside(event);
      }
    });
    // Keep the newest message in view when the panel resizes (e.g. a phone's keyboard opens).
    ui.log.addEventListener('scroll', () => {
      atBottom = ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 40;
    });
    window.addEventListener('resize', () => {
      if (atBottom && !ui.panel.hidden) scrollDown();
    });
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit();
    });
    ui.input.addEventListener('input', sendTyping);
    ui.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submit();
      }
    });
    // Host pages may add buttons that open the chat: <button data-cb-open>…</button>
    document.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('[data-cb-open]')) {
        event.preventDefault();
        open();
      }
    });
    if (saved.open) open(false);
  }

  window.CityChat = Object.freeze({ open: () => ui && open(), close: () => ui && close() });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
