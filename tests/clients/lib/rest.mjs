// Raw HTTP/WebSocket access to the Direct Line facade, for checks below what DLJS exposes.

import { createRequire } from 'node:module';
import { request as httpRequest } from 'node:http';
import { waitUntil } from './directline.mjs';

const require = createRequire(import.meta.url);
const WS = require('ws');

/** The headers DLJS 0.15.5 sends on every REST call (protocols.md §3.1). */
export const dljsHeaders = (token) => ({
  Authorization: `Bearer ${token}`,
  'x-ms-bot-agent': 'DirectLine/3.0 (directlinejs 0.15.5)',
  Accept: 'application/json',
});

/** A REST call; resolves { status, headers, text, json }. */
export async function api(bot, method, path, { token, body, headers = {} } = {}) {
  const init = { method, headers: { ...(token ? dljsHeaders(token) : {}), ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`${bot.domain}${path}`, init);
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs a body with chunked transfer encoding (no Content-Length), as a streaming client would. */
export function postChunked(bot, path, token, chunks) {
  return new Promise((resolve, reject) => {
    const url = new URL(`${bot.domain}${path}`);
    const req = httpRequest(url, {
      method: 'POST',
      headers: { ...dljsHeaders(token), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    // The server may answer (and close) before the whole body is sent: that is fine.
    req.on('error', (error) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) {
          break;
        }
        await new Promise((done) => req.write(chunk, done));
      }
      req.end();
    })().catch(() => undefined);
  });
}

/** Starts a conversation the way DLJS does (R3) and returns the Conversation object. */
export async function startConversation(bot, token, body = { user: {} }) {
  const response = await api(bot, 'POST', '/conversations', { token, body });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`POST /conversations returned ${response.status}: ${response.text}`);
  }
  return response.json;
}

/**
 * A raw WebSocket on a streamUrl that records every frame: { text, binary, at }.
 * `opened` resolves when the socket is open; `rejected` resolves with the HTTP status if the upgrade fails.
 */
export class RawStream {
  constructor(url) {
    this.frames = [];
    this.closed = null;
    this.errors = [];
    this.socket = new WS(url);
    this.rejected = new Promise((resolve) => {
      this.socket.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode);
        res.resume();
      });
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('message', (data, isBinary) => {
      this.frames.push({ text: isBinary ? null : data.toString('utf8'), binary: isBinary, at: Date.now() });
    });
    this.socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
    this.socket.on('error', (error) => this.errors.push(error));
  }

  /** The ActivitySets received so far (empty keep-alive frames skipped). */
  get sets() {
    return this.frames.filter((f) => f.text).map((f) => JSON.parse(f.text));
  }

  get activities() {
    return this.sets.flatMap((s) => s.activities ?? []);
  }

  waitForActivity(predicate, timeout = 15_000) {
    return waitUntil(() => this.activities.find(predicate), { timeout, message: 'an activity on the raw stream' });
  }

  send(text) {
    this.socket.send(text);
  }

  close() {
    this.socket.close();
  }
}
