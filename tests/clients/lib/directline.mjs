// Runs the real botframework-directlinejs 0.15.5 in Node 20: it needs a global XMLHttpRequest
// (xhr2) and a global WebSocket (ws), otherwise it silently polls or throws (protocols.md §3.1).
// Both globals are thin recording subclasses, so tests can check what went over the wire.

import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const XHR2 = require('xhr2');
const WS = require('ws');

/** Every XHR made by DLJS in this process: { method, url, headers, body, sent, held, done, status, response }. */
export const requestLog = [];
/** Every WebSocket opened by DLJS in this process: { url, opened, closed, frames: string[] }. */
export const socketLog = [];

const gates = new Set();

/**
 * Holds back XHRs whose record matches `predicate` until `release()` is called: simulates a
 * request that is slow to leave the client, so a test controls when DLJS reaches the server.
 * Returns { held: records waiting, release() }.
 */
export function holdRequests(predicate) {
  const gate = {
    predicate,
    held: [],
    sends: [],
    release() {
      gates.delete(gate);
      for (const send of gate.sends.splice(0)) {
        send();
      }
    },
  };
  gates.add(gate);
  return gate;
}

class RecordingXMLHttpRequest extends XHR2 {
  open(method, url, ...rest) {
    this.record = { method, url, headers: {}, body: undefined, status: undefined, response: undefined, sent: false, done: false, held: false };
    requestLog.push(this.record);
    return super.open(method, url, ...rest);
  }

  setRequestHeader(name, value) {
    this.record.headers[name.toLowerCase()] = value;
    return super.setRequestHeader(name, value);
  }

  send(body) {
    const record = this.record;
    record.body = body;
    record.sent = true;
    this.addEventListener('loadend', () => {
      record.status = this.status;
      record.response = this.response;
      record.done = true;
    });
    const gate = [...gates].find((g) => g.predicate(record));
    if (gate) {
      record.held = true;
      gate.held.push(record);
      gate.sends.push(() => {
        record.held = false;
        super.send(body);
      });
      return undefined;
    }
    return super.send(body);
  }
}

class RecordingWebSocket extends WS {
  constructor(url, ...rest) {
    super(url, ...rest);
    const record = { url: String(url), opened: false, closed: false, frames: [] };
    socketLog.push(record);
    this.addEventListener('open', () => {
      record.opened = true;
    });
    this.addEventListener('message', (event) => {
      record.frames.push(event.data);
    });
    this.addEventListener('close', () => {
      record.closed = true;
    });
  }
}

globalThis.XMLHttpRequest = RecordingXMLHttpRequest;
globalThis.WebSocket = RecordingWebSocket;

const dljs = require('botframework-directlinejs');
export const { DirectLine, ConnectionStatus } = dljs;

export const statusName = (status) => ConnectionStatus[status] ?? String(status);

/** Polls `condition` until it returns a truthy value or the deadline passes. */
export async function waitUntil(condition, { timeout = 10_000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${typeof message === 'function' ? message() : message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** The website token endpoint: a token for a new conversation. */
export async function getToken(bot) {
  const response = await fetch(`${bot.baseUrl}/api/directline/token`, { method: 'POST' });
  assert.equal(response.status, 200, `POST /api/directline/token returned ${response.status}`);
  const body = await response.json();
  assert.equal(typeof body.token, 'string');
  assert.equal(typeof body.conversationId, 'string');
  assert.equal(typeof body.expires_in, 'number');
  return body;
}

/** The claims of a JWT (not verified). */
export function jwtClaims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/**
 * A DirectLine client plus everything it emitted: activities (in arrival order) and statuses.
 * Always `close()` it, or the test process keeps running.
 */
export class Client {
  constructor(options) {
    this.directLine = new DirectLine(options);
    this.activities = [];
    this.statuses = [];
    this.errors = [];
    this.statusSubscription = this.directLine.connectionStatus$.subscribe((status) => this.statuses.push(status));
    this.activitySubscription = this.directLine.activity$.subscribe(
      (activity) => this.activities.push(activity),
      (error) => this.errors.push(error),
    );
  }

  get status() {
    return this.directLine.connectionStatus$.getValue();
  }

  get conversationId() {
    return this.directLine.conversationId;
  }

  waitForStatus(status, timeout = 15_000) {
    return waitUntil(() => this.status === status, {
      timeout,
      message: () => `connection status ${statusName(status)} (statuses so far: ${this.statuses.map(statusName).join(' → ')})`,
    });
  }

  /** Waits for the first activity matching the predicate. */
  waitForActivity(predicate, { timeout = 15_000, message = 'an activity' } = {}) {
    return waitUntil(() => this.activities.find(predicate), {
      timeout,
      message: () => `${message}; received: ${JSON.stringify(this.activities.map((a) => [a.id, a.type, a.text?.slice(0, 40)]))}`,
    });
  }

  /** Posts an activity and resolves with what postActivity emitted (the id, or "retry"). */
  post(activity) {
    return new Promise((resolve, reject) => {
      this.directLine.postActivity(activity).subscribe({ next: resolve, error: reject });
    });
  }

  /** Ids that arrived more than once on activity$. */
  duplicateIds() {
    const seen = new Set();
    const duplicates = [];
    for (const activity of this.activities) {
      if (seen.has(activity.id)) {
        duplicates.push(activity.id);
      }
      seen.add(activity.id);
    }
    return duplicates;
  }

  close() {
    this.activitySubscription.unsubscribe();
    this.directLine.end();
    this.statusSubscription.unsubscribe();
  }
}

/** A client-generated id like Web Chat's. */
export const clientActivityId = () => `${Date.now()}${Math.random().toString(36).slice(2, 10)}`;

/** A UTC timestamp with an explicit Z, as set by the channel. */
export const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Requests of this process whose URL contains `fragment`. */
export const requestsTo = (fragment) => requestLog.filter((r) => r.url.includes(fragment));
