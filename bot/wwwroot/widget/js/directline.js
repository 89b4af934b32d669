// A small Direct Line 3.0 client (design/protocols.md §3): token, conversation, WebSocket stream with
// reconnects (falling back to polling), posting, uploads and token refresh.
import { load, save } from './store.js';

const POLL_MS = 1000;
const REFRESH_MS = 15 * 60 * 1000;

export class DirectLine {
  /**
   * @param {string} base the bot's origin
   * @param {{ locale(), onActivities(set), onConnected(), onError(), onLost(), onStarted() }} events (onStarted: a new conversation)
   */
  constructor(base, events) {
    const saved = load();
    this.base = base;
    this.events = events;
    this.conversationId = saved.conversationId || null;
    this.token = null;
    this.userId = null;
    this.watermark = '';
    this.connecting = null;
    this.socket = null;
    this.wsFailures = 0;
    this.attempts = 0;
    this.timers = {};
    this.setToken(saved.token);
  }

  get path() {
    return `/v3/directline/conversations/${encodeURIComponent(this.conversationId)}`;
  }

  persist() {
    save({ conversationId: this.conversationId, token: this.token, watermark: this.watermark });
  }

  setToken(token) {
    if (!token) return;
    this.token = token;
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      this.userId = JSON.parse(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '='))).user || this.userId;
    } catch {
      // Not a JWT: the server assigns the user id anyway.
    }
  }

  async api(method, path, body, auth = true) {
    const headers = { Accept: 'application/json' };
    if (auth) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 20000);
    try {
      const response = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: abort.signal });
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

  ready() {
    if (!this.connecting) {
      this.connecting = this.connect().catch((error) => {
        this.connecting = null;
        throw error;
      });
    }
    return this.connecting;
  }

  async connect() {
    if (this.conversationId && this.token) {
      try {
        // Empty watermark: replay the whole conversation so the transcript comes back after a reload.
        return this.begin(await this.api('GET', `${this.path}?watermark=`));
      } catch (error) {
        if (!isGone(error)) throw error;
        this.forget();
      }
    }
    const start = await this.api('POST', '/api/directline/token', {}, false);
    this.setToken(start.token);
    this.conversationId = start.conversationId;
    this.begin(await this.api('POST', '/v3/directline/conversations', { locale: this.events.locale() }));
    if (this.events.onStarted) this.events.onStarted();
  }

  begin(conversation) {
    this.conversationId = conversation.conversationId || this.conversationId;
    this.setToken(conversation.token);
    this.persist();
    this.events.onConnected();
    this.openStream(conversation.streamUrl);
    clearInterval(this.timers.refresh);
    this.timers.refresh = setInterval(() => this.refresh(), REFRESH_MS);
  }

  received(set) {
    if (!set || !Array.isArray(set.activities)) return;
    this.events.onActivities(set.activities.filter((a) => a && typeof a === 'object'));
    if (set.watermark) {
      this.watermark = String(set.watermark);
      this.persist();
    }
  }

  openStream(url) {
    this.closeStream();
    if (!url || typeof WebSocket === 'undefined' || this.wsFailures >= 2) return this.startPolling();
    let ws;
    try {
      ws = new WebSocket(url);
    } catch {
      return this.startPolling();
    }
    let opened = false;
    this.socket = ws;
    ws.onopen = () => {
      opened = true;
      this.wsFailures = 0;
    };
    ws.onmessage = (event) => {
      this.attempts = 0;
      if (typeof event.data !== 'string' || !event.data) return; // empty frames are keep-alives
      try {
        this.received(JSON.parse(event.data));
      } catch {
        // A malformed frame must not stop the stream.
      }
    };
    ws.onclose = () => {
      if (this.socket !== ws) return; // closed on purpose
      this.socket = null;
      if (!opened) this.wsFailures += 1;
      this.scheduleReconnect();
    };
  }

  closeStream() {
    const ws = this.socket;
    this.socket = null;
    if (ws) ws.close();
  }

  scheduleReconnect() {
    clearTimeout(this.timers.reconnect);
    const base = Math.min(15000, 1000 * 2 ** this.attempts);
    this.attempts += 1;
    this.timers.reconnect = setTimeout(() => this.reconnect(), Math.min(15000, base * (0.8 + Math.random() * 0.4)));
  }

  async reconnect() {
    this.timers.reconnect = null;
    try {
      const conversation = await this.api('GET', `${this.path}?watermark=${encodeURIComponent(this.watermark || '')}`);
      this.setToken(conversation.token);
      this.persist();
      this.events.onConnected();
      this.openStream(conversation.streamUrl);
    } catch (error) {
      if (isGone(error)) return this.lost();
      if (this.attempts >= 3) this.events.onError();
      this.scheduleReconnect();
    }
  }

  startPolling() {
    clearTimeout(this.timers.poll);
    this.poll();
  }

  async poll() {
    try {
      this.received(await this.api('GET', `${this.path}/activities?watermark=${encodeURIComponent(this.watermark || '')}`));
      this.events.onConnected();
    } catch (error) {
      if (isGone(error)) return this.lost();
    }
    this.timers.poll = setTimeout(() => this.poll(), POLL_MS);
  }

  async refresh() {
    try {
      this.setToken((await this.api('POST', '/v3/directline/tokens/refresh')).token);
      this.persist();
    } catch (error) {
      if (isGone(error)) clearInterval(this.timers.refresh);
    }
  }

  async post(activity) {
    await this.ready();
    activity.from = { id: this.userId, role: 'user' };
    return this.api('POST', `${this.path}/activities`, activity);
  }

  async upload(activity, file) {
    await this.ready();
    activity.from = { id: this.userId, role: 'user' };
    const body = new FormData();
    body.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }), 'blob');
    body.append('file', file, file.name);
    const response = await fetch(`${this.base}${this.path}/upload?userId=${encodeURIComponent(this.userId || '')}`, {
      method: 'POST', headers: { Authorization: `Bearer ${this.token}` }, body,
    });
    // Refusals the resident can act on are reported as such (no retry would succeed).
    const refusal = { 413: 'tooLarge', 415: 'badType', 429: 'quota', 503: 'quota' }[response.status];
    if (refusal) return { refused: refusal };
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json().catch(() => null);
  }

  typing() {
    if (!this.conversationId) return;
    this.api('POST', `${this.path}/activities`, { type: 'typing', from: { id: this.userId, role: 'user' } }).catch(() => { /* best effort */ });
  }

  forget() {
    this.conversationId = null;
    this.token = null;
    this.watermark = '';
    this.persist();
  }

  /** Stops everything; a later ready() starts a new conversation. */
  stop() {
    this.closeStream();
    for (const key of ['reconnect', 'poll']) clearTimeout(this.timers[key]);
    clearInterval(this.timers.refresh);
    this.connecting = null;
  }

  /** The conversation expired or is unknown: stop, and let the retry button start a new one. */
  lost() {
    this.stop();
    this.forget();
    this.events.onLost();
  }

  retry() {
    if (this.timers.reconnect) {
      clearTimeout(this.timers.reconnect);
      this.reconnect();
    } else {
      this.ready().catch(() => this.events.onError());
    }
  }
}

const isGone = (error) => error.status === 403 || error.status === 404;

export function newId() {
  return (crypto.randomUUID && crypto.randomUUID()) || `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}
