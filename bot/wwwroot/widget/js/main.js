/*
 * Göteborgs Stad chat widget: plain ES modules, no dependencies, no build step; loaded by widget.js.
 * Stable hooks for tests (keep): #cb-launcher, #cb-panel, #cb-log, .cb-msg-bot, .cb-msg-user, #cb-input,
 * #cb-form, #cb-typing, #cb-status, .cb-actions button, .cb-alert, #cb-lang (the language chooser; its menu
 * #cb-lang-menu, items [role=menuitemradio][data-lang]), #cb-attach, .cb-time, .cb-thumb.
 */
import { i18n } from './strings.js';
import { h, chatIcon, attachIcon, closeIcon, timeEl } from './dom.js';
import { language, isLanguage, primaryTag } from './languages.js';
import { LanguageChooser } from './chooser.js';
import { renderText, safeUrl } from './text.js';
import { DirectLine, newId } from './directline.js';
import { AlertBanner } from './alerts.js';
import { load, save } from './store.js';

const MAX_LEN = 2000;
const MAX_FILE = 10 * 1024 * 1024;
const LOCAL_TYPING_MS = 10000;
const REMOTE_TYPING_MS = 5000;

export function start({ base }) {
  const saved = load();
  i18n.lang = isLanguage(saved.lang) ? saved.lang : /^en/i.test(document.documentElement.lang) ? 'en' : 'sv';
  /** The resident chose the language in the chooser (saved for the tab); the chrome never switches by itself. */
  let chosen = isLanguage(saved.lang);
  let languagePosted = Promise.resolve();
  const t = i18n.t;
  const locale = () => language(i18n.lang).locale;
  // Where the panel covers the whole viewport (same query as widget.css) it behaves as a modal dialog.
  const fullScreen = window.matchMedia('(max-width: 30em), (max-height: 30em)');

  const seen = new Set();          // activity ids already rendered
  const pending = new Map();       // clientActivityID -> user message element
  let connError = null;
  /** Who answers now: bot, queued, message (left for the guides), guide, or ended. */
  let mode = 'bot';
  let typingSentAt = 0;
  let typingTimer = null;
  let anchor = null;               // the message last scrolled to its first line

  const chooser = new LanguageChooser({ onChoose: chooseLanguage });
  const ui = build();
  const dl = new DirectLine(base, {
    locale,
    onStarted: () => chosen && postLanguage(),
    onActivities: (activities) => onActivities(activities),
    onConnected: clearConnError,
    onError: showConnError,
    onLost: () => {
      hideTyping();
      showConnError();
    },
  });
  const alerts = new AlertBanner(base, ui.alerts);

  // ---- Building the panel ---------------------------------------------------------------------

  function build() {
    const launcher = h('button', { id: 'cb-launcher', class: 'cb-launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'cb-panel' },
      chatIcon(), h('span', { class: 'cb-launcher-text', i18n: 'launcher' }));
    const closeBtn = h('button', { class: 'cb-hbtn cb-close', type: 'button', i18nLabel: 'close' }, closeIcon());
    const alertBox = h('div', { class: 'cb-alerts' });
    const status = h('p', { id: 'cb-status', class: 'cb-statusline', role: 'status', hidden: true });
    const log = h('div', { id: 'cb-log', class: 'cb-log', role: 'log', 'aria-live': 'polite', tabindex: '0', i18nLabel: 'log' });
    const typing = h('div', { id: 'cb-typing', class: 'cb-typing', 'aria-hidden': 'true', hidden: true }, h('span'));
    const input = h('textarea', { id: 'cb-input', class: 'cb-input', dir: 'auto', rows: '2', maxlength: String(MAX_LEN), autocomplete: 'off', 'aria-describedby': 'cb-notice' });
    // A photo for a fault report goes through Direct Line's upload endpoint (multipart).
    const fileInput = h('input', { id: 'cb-file', class: 'cb-file', type: 'file', accept: 'image/*', tabindex: '-1', 'aria-hidden': 'true' });
    const attachBtn = h('button', { id: 'cb-attach', class: 'cb-attach', type: 'button', i18nLabel: 'attach', title: t('attach') }, attachIcon());
    const sendBtn = h('button', { type: 'submit', class: 'cb-send', i18n: 'send' });
    const form = h('form', { id: 'cb-form', class: 'cb-form', novalidate: true },
      h('label', { for: 'cb-input', class: 'cb-sr', i18n: 'label' }), input, fileInput, attachBtn, sendBtn);
    const panel = h('div', { id: 'cb-panel', class: 'cb-panel', role: 'dialog', 'aria-labelledby': 'cb-title', hidden: true },
      h('div', { class: 'cb-header' }, h('h2', { id: 'cb-title', class: 'cb-title', i18n: 'title' }), chooser.button, chooser.menu, closeBtn),
      alertBox, status, log, typing,
      h('p', { class: 'cb-notice' }, h('span', { id: 'cb-notice', class: 'cb-notice-text', i18n: 'notice' }), ' ',
        h('a', { href: `${base}/integritet.html`, i18n: 'privacy' })),
      form);
    // On a phone the launcher must not hide the end of the page: the page gets room below its content.
    const spacer = h('div', { class: 'cb-spacer', 'aria-hidden': 'true' });
    const root = h('div', { class: 'cb-root' }, launcher, panel);
    document.body.append(spacer, root);
    return { root, launcher, panel, closeBtn, alerts: alertBox, status, log, typing, input, form, fileInput, attachBtn, sendBtn };
  }

  /** Renders the chrome in the current language; Arabic and Persian mirror the whole widget. */
  function applyLanguage() {
    const current = language(i18n.lang);
    ui.root.dir = current.dir;
    ui.panel.dir = current.dir;
    ui.panel.lang = current.locale;
    ui.launcher.lang = current.locale;
    ui.panel.dataset.language = current.code;
    chooser.render(current.code);
    // Chrome texts inside message bubbles (the sender for screen readers) carry the chrome's language.
    for (const el of ui.log.querySelectorAll('.cb-chrome')) el.lang = current.tag;
    for (const el of ui.root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of ui.root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
    ui.attachBtn.title = t('attach');
    renderStatus();
    alerts.render(true);
  }

  // ---- Messages -------------------------------------------------------------------------------

  function link(href, ...label) {
    return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, ...label, h('span', { class: 'cb-sr', i18n: 'newTab' }));
  }

  function senderOf(activity) {
    const from = activity.from || {};
    if (from.role === 'user' || (dl.userId && from.id === dl.userId)) return 'user';
    return String(from.id || '').startsWith('guide:') ? 'guide' : 'bot';
  }

  function renderAttachments(body, attachments, thumbnail) {
    for (const a of attachments || []) {
      const href = a && typeof a.contentUrl === 'string' ? safeUrl(a.contentUrl) : null;
      if (!href) continue;
      const name = typeof a.name === 'string' ? a.name : '';
      if (/^image\//i.test(a.contentType || '')) {
        body.append(h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'cb-thumb-link' },
          h('img', { class: `cb-img${thumbnail ? ' cb-thumb' : ''}`, src: href, alt: name })));
      } else {
        body.append(h('p', {}, h('a', { href, download: name || true }, `${t('download')}: ${name || href}`)));
      }
    }
  }

  /** The language of a bot's or guide's message: its locale, else the language the bot says it served. */
  function languageOf(activity) {
    const served = activity.channelData && activity.channelData.language;
    return primaryTag(activity.locale) || (isLanguage(served) ? language(served).tag : null);
  }

  // A bubble's direction comes from its own text (dir=auto): Arabic in a Swedish chat reads right to left.
  // The sender label is in <bdi>, so that the chrome's language does not decide the direction of the text.
  function renderMessage(kind, activity) {
    const user = kind === 'user';
    const el = h('div', {
      class: `cb-msg cb-msg-${user ? 'user' : 'bot'}${kind === 'guide' ? ' cb-msg-guide' : ''}`,
      dir: 'auto',
      lang: user ? null : languageOf(activity),
    });
    if (kind === 'guide') {
      el.append(h('bdi', { class: 'cb-sender' }, (activity.from && activity.from.name) || t('guide'), h('span', { class: 'cb-sr' }, ': ')));
    } else {
      el.append(h('bdi', { class: 'cb-sr cb-chrome', lang: language(i18n.lang).tag }, h('span', { i18n: user ? 'you' : 'bot' }), ': '));
    }
    const body = h('div', { class: 'cb-body' });
    const text = typeof activity.text === 'string' ? activity.text : '';
    // The bot writes Markdown; guides and residents write plain text, whose addresses still become links.
    if (text) body.append(renderText(text, { markdown: !user && activity.textFormat !== 'plain', link }));
    renderAttachments(body, activity.attachments, user);
    el.append(body, h('div', { class: 'cb-meta' }, timeEl(activity.timestamp)));
    return el;
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
      dir: 'auto',
      onclick: () => {
        if (mode === 'ended') return;
        run();
        ui.input.focus();
      },
    }, title);
  }

  function addNote(key, action, extraClass) {
    const note = h('div', { class: `cb-note${extraClass ? ' ' + extraClass : ''}` }, h('span', { i18n: key }),
      action && h('button', { type: 'button', class: 'cb-retry', onclick: action.run, i18n: action.key }));
    ui.log.append(note);
    scrollToEnd();
    return note;
  }

  function setStatus(el, key, retry) {
    const status = el.querySelector('.cb-status') || el.appendChild(h('div', { class: 'cb-status', dir: 'auto' }));
    status.replaceChildren(...(key ? [h('span', { i18n: key })] : []),
      ...(retry ? [' ', h('button', { type: 'button', class: 'cb-retry', onclick: retry, i18n: 'retry' })] : []));
    el.classList.toggle('cb-sending', key === 'sending');
    el.classList.toggle('cb-failed', key === 'failed');
  }

  function markSent(el, id, timestamp) {
    if (id) el.dataset.id = id;
    setStatus(el, null);
    const time = timestamp && timeEl(timestamp);
    const old = el.querySelector('.cb-time');
    if (time && old) old.replaceWith(time);
  }

  // ---- Scrolling: a new answer is read from its first line --------------------------------------

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
    anchor = null;
  }

  /** Shows `el` from its first line; when it and what follows fit, everything down to the end. */
  function reveal(el) {
    anchor = el;
    const end = ui.log.scrollHeight - ui.log.clientHeight;
    ui.log.scrollTop = Math.max(0, Math.min(el.offsetTop - 8, end));
  }

  // ---- Status line and typing -----------------------------------------------------------------

  let status = null;

  function renderStatus() {
    let text = '';
    if (status && status.state === 'queued') text = status.position > 1 ? t('statusQueued', status.position) : t('statusQueuedNext');
    else if (status && status.state === 'message') text = t('statusMessage', status.caseId || '');
    else if (status && status.state === 'accepted') text = t('statusGuide', status.guide || t('guide'));
    ui.status.textContent = text;
    ui.status.hidden = !text;
  }

  function onHandoffStatus(value) {
    const state = value && value.state;
    if (state === 'queued') mode = 'queued';
    else if (state === 'message') mode = 'message';
    else if (state === 'accepted') mode = 'guide';
    else if (state === 'completed' || state === 'failed') mode = 'bot';
    status = ['queued', 'message', 'accepted'].includes(state)
      ? { state, position: Number(value.position) || (status && status.position) || 1, caseId: value.caseId, guide: value.guide }
      : null;
    renderStatus();
  }

  /** Typing that tells the truth: the bot's while a reply is coming, a guide's only from their real typing. */
  function showTyping(label, ms) {
    ui.typing.firstChild.textContent = label;
    ui.typing.hidden = false;
    ui.typing.setAttribute('aria-hidden', 'false');
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, ms);
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    ui.typing.hidden = true;
    ui.typing.setAttribute('aria-hidden', 'true');
  }

  /** A reply will come from the bot (also in the queue or to a left message, which it acknowledges); not from a guide. */
  const botWillReply = () => mode === 'bot' || mode === 'queued' || mode === 'message';

  // ---- Incoming activities --------------------------------------------------------------------

  function onActivities(activities) {
    let first = null;
    for (const activity of activities) {
      const el = onActivity(activity);
      if (el && !first) first = el;
    }
    if (first) reveal(first);
  }

  function onActivity(activity) {
    if (activity.id) {
      if (seen.has(activity.id)) return null;
      seen.add(activity.id);
    }
    const kind = senderOf(activity);
    if (activity.type === 'event' && activity.name === 'handoff.status') {
      onHandoffStatus(activity.value);
    } else if (activity.type === 'typing') {
      // Replayed history may contain old typing activities; only fresh ones mean "now".
      const age = Date.now() - Date.parse(activity.timestamp || '');
      if (kind !== 'user' && !(age > 10000)) {
        const name = kind === 'guide' ? (activity.from && activity.from.name) || t('guide') : null;
        showTyping(name ? t('guideTyping', name) : t('typing'), name ? REMOTE_TYPING_MS : 3000);
      }
    } else if (activity.type === 'endOfConversation') {
      hideTyping();
      end();
    } else if (activity.type === 'message') {
      if (kind === 'user') {
        onUserEcho(activity);
        return null;
      }
      hideTyping();
      const el = renderMessage(kind, activity);
      addMessage(el, activity);
      return el;
    }
    return null;
  }

  function onUserEcho(activity) {
    ui.root.classList.add('cb-started');
    const channelData = activity.channelData || {};
    const el = pending.get(channelData.clientActivityID);
    if (el) {
      pending.delete(channelData.clientActivityID);
      markSent(el, activity.id, activity.timestamp);
      // An uploaded photo: the thumbnail comes from the server's copy (same origin, allowed by the page's CSP).
      if (Array.isArray(activity.attachments) && activity.attachments.length && !el.querySelector('.cb-thumb-link')) {
        renderAttachments(el.querySelector('.cb-body'), activity.attachments, true);
        if (anchor === null) scrollToEnd();
      }
      return;
    }
    const display = channelData.messageBack && channelData.messageBack.displayText;
    addMessage(renderMessage('user', display ? { ...activity, text: display } : activity));
    scrollToEnd();
  }

  // ---- The end of a conversation --------------------------------------------------------------

  function end() {
    mode = 'ended';
    status = null;
    renderStatus();
    clearActions();
    for (const control of [ui.input, ui.attachBtn, ui.sendBtn]) control.disabled = true;
    if (!ui.log.querySelector('.cb-ended')) addNote('ended', { key: 'newChat', run: newChat }, 'cb-ended');
  }

  function newChat() {
    dl.stop();
    dl.forget();
    seen.clear();
    pending.clear();
    mode = 'bot';
    ui.log.replaceChildren();
    ui.root.classList.remove('cb-started');
    for (const control of [ui.input, ui.attachBtn, ui.sendBtn]) control.disabled = false;
    dl.ready().catch(showConnError);
    ui.input.focus();
  }

  // ---- Sending --------------------------------------------------------------------------------

  function send(text, { display, value, channelData } = {}) {
    const activity = { type: 'message', locale: locale(), channelData: { clientActivityID: newId(), ...channelData } };
    if (typeof text === 'string') activity.text = text.slice(0, MAX_LEN);
    if (value !== undefined) activity.value = value;
    const el = renderMessage('user', { text: display || text });
    pending.set(activity.channelData.clientActivityID, el);
    addMessage(el);
    scrollToEnd();
    ui.root.classList.add('cb-started');
    post(activity, el);
  }

  async function post(activity, el) {
    setStatus(el, 'sending');
    if (botWillReply()) showTyping(t('typing'), LOCAL_TYPING_MS);
    try {
      await languagePosted; // the bot hears of a new language before the next message
      const result = await dl.post(activity);
      if (el.classList.contains('cb-sending')) markSent(el, result && result.id);
    } catch {
      hideTyping();
      if (el.dataset.id) return; // the echo arrived, so the server has it
      setStatus(el, 'failed', () => post(activity, el));
      scrollToEnd();
    }
  }

  async function sendFile(file) {
    const clientId = newId();
    // The thumbnail is added when the server has the photo (its echo), from the server's copy.
    const el = renderMessage('user', { text: file.name });
    pending.set(clientId, el);
    addMessage(el);
    scrollToEnd();
    if (file.size > MAX_FILE) {
      pending.delete(clientId);
      setStatus(el, 'tooLarge');
      return;
    }
    setStatus(el, 'sending');
    if (botWillReply()) showTyping(t('typing'), LOCAL_TYPING_MS);
    try {
      await languagePosted;
      const result = await dl.upload({ type: 'message', locale: locale(), channelData: { clientActivityID: clientId } }, file);
      if (result && result.refused) {
        hideTyping();
        pending.delete(clientId);
        setStatus(el, result.refused);
        return;
      }
      if (el.classList.contains('cb-sending')) markSent(el, result && result.id);
    } catch {
      hideTyping();
      if (el.dataset.id) return;
      setStatus(el, 'failed', () => sendFile(file));
    }
  }

  function sendTyping() {
    // The guide sees the resident typing; the bot does not need it.
    if (mode !== 'guide' || Date.now() - typingSentAt < 3000) return;
    typingSentAt = Date.now();
    dl.typing();
  }

  function submit() {
    const text = ui.input.value.trim();
    if (!text || mode === 'ended') return;
    ui.input.value = '';
    send(text);
  }

  // ---- Connection problems --------------------------------------------------------------------

  function showConnError() {
    hideTyping();
    if (!connError) connError = addNote('connectError', { key: 'retry', run: retryConnection }, 'cb-error');
  }

  function clearConnError() {
    if (connError) connError.remove();
    connError = null;
  }

  function retryConnection() {
    clearConnError();
    dl.retry();
  }

  // ---- Language -------------------------------------------------------------------------------

  function chooseLanguage(code) {
    if (!isLanguage(code) || (chosen && code === i18n.lang)) return;
    i18n.lang = code;
    chosen = true;
    save({ lang: code });
    applyLanguage();
    postLanguage();
  }

  /** Tells the bot the resident's language: {type:'event', name:'setLanguage', value: code, locale}. */
  function postLanguage() {
    const current = language(i18n.lang);
    languagePosted = dl.post({ type: 'event', name: 'setLanguage', value: current.code, locale: current.locale })
      .catch(() => { /* the next conversation tells it again; messages carry the locale anyway */ });
  }

  // ---- Open / close ---------------------------------------------------------------------------

  function keepFocusInside(event) {
    const items = [...ui.panel.querySelectorAll('button:not([disabled]), a[href], textarea:not([disabled]), [tabindex="0"]')].filter((el) => el.offsetParent);
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

  /** A phone's keyboard shrinks the visual viewport: the full-screen panel follows it, header included. */
  function fitViewport() {
    const viewport = window.visualViewport;
    if (viewport && fullScreen.matches) {
      ui.panel.style.height = `${Math.round(viewport.height)}px`;
      ui.panel.style.top = `${Math.round(viewport.offsetTop)}px`;
    } else {
      ui.panel.style.height = '';
      ui.panel.style.top = '';
    }
    if (anchor && anchor.isConnected) reveal(anchor);
    else scrollToEnd();
  }

  function open(focus = true) {
    if (ui.panel.hidden) {
      ui.panel.hidden = false;
      ui.launcher.setAttribute('aria-expanded', 'true');
      ui.root.classList.add('cb-is-open');
      ui.panel.setAttribute('aria-modal', String(fullScreen.matches));
      save({ open: true });
      fitViewport();
      dl.ready().catch(showConnError);
      alerts.start();
    }
    if (focus && !ui.input.disabled) ui.input.focus();
  }

  function close() {
    if (ui.panel.hidden) return;
    const hadFocus = ui.panel.contains(document.activeElement);
    ui.panel.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.root.classList.remove('cb-is-open');
    alerts.stop();
    save({ open: false });
    if (hadFocus) ui.launcher.focus();
  }

  applyLanguage();
  ui.launcher.addEventListener('click', () => (ui.panel.hidden ? open() : close()));
  ui.closeBtn.addEventListener('click', close);
  ui.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      ui.launcher.focus();
    } else if (event.key === 'Tab' && fullScreen.matches) {
      keepFocusInside(event);
    }
  });
  ui.log.addEventListener('wheel', () => { anchor = null; }, { passive: true });
  ui.log.addEventListener('touchmove', () => { anchor = null; }, { passive: true });
  window.addEventListener('resize', () => !ui.panel.hidden && fitViewport());
  if (window.visualViewport) window.visualViewport.addEventListener('resize', () => !ui.panel.hidden && fitViewport());
  ui.attachBtn.addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', () => {
    const file = ui.fileInput.files && ui.fileInput.files[0];
    ui.fileInput.value = '';
    if (file) sendFile(file);
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
  return { open: () => open(), close: () => close() };
}
