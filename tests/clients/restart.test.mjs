// protocols.md §7 A5/A6 (reconnect) and A9 (conversation gone → Ended) with the real
// botframework-directlinejs 0.15.5, across restarts of the bot process on the same port.
//
// DLJS waits 3–15 s (3000 + random() * 12000 ms) before it reconnects; `random: () => 0` pins the
// wait to 3 s. Its reconnect call is held back (holdRequests) until the restarted bot is healthy,
// because a connection error there would make DLJS wait a further 20 s (client behaviour, not
// under test here).

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBot } from './lib/bot-process.mjs';
import {
  Client, ConnectionStatus, clientActivityId, getToken, holdRequests, requestLog, socketLog, statusName, waitUntil,
} from './lib/directline.mjs';
import { RawStream, api, startConversation } from './lib/rest.mjs';

const isBotMessage = (a) => a.type === 'message' && a.from?.role === 'bot';
const bots = [];

after(async () => {
  await Promise.all(bots.map((bot) => bot.dispose()));
});

async function newBot(args = []) {
  const bot = await startBot({ args });
  bots.push(bot);
  return bot;
}

describe('restarts', { concurrency: true, timeout: 120_000 }, () => {
  test('A5/A6 crash and restart while connected: DLJS reconnects with its watermark, gets what it missed exactly once, and the conversation persists', async (t) => {
    const bot = await newBot();
    const { token } = await getToken(bot);
    const client = new Client({ domain: bot.domain, token, random: () => 0 });
    t.after(() => client.close());
    await client.waitForStatus(ConnectionStatus.Online);
    await client.waitForActivity(isBotMessage, { message: 'the welcome message' });
    const conversationId = client.conversationId;

    const q1 = await client.post({ type: 'message', from: { id: 'x' }, text: 'Hur skaffar jag bibliotekskort?', channelData: { clientActivityID: clientActivityId() } });
    await client.waitForActivity((a) => a.replyToId === q1, { message: 'the reply before the restart' });
    const seenBeforeRestart = client.activities.length;
    const firstSocket = socketLog.find((s) => s.url.includes(`/conversations/${conversationId}/stream`));
    assert.ok(firstSocket?.opened);

    const reconnectCall = (r) => r.method === 'GET' && r.url.startsWith(`${bot.domain}/conversations/${conversationId}?`);
    const gate = holdRequests(reconnectCall);
    t.after(() => gate.release());
    // SIGKILL: a crash. Everything acknowledged before it must survive. (A normal SIGTERM
    // shutdown is covered by its own test below.)
    const stopping = Date.now();
    await bot.restart({ signal: 'SIGKILL' });
    t.diagnostic(`restart (SIGKILL → healthy) took ${Date.now() - stopping} ms`);
    await waitUntil(() => firstSocket.closed, { message: 'DLJS to notice the closed socket' });

    // Another tab posts while this client is disconnected: echo + reply are stored meanwhile.
    const missed = await api(bot, 'POST', `/conversations/${conversationId}/activities`, {
      token: client.directLine.token,
      body: { type: 'message', from: { id: 'x' }, text: 'Var kan jag parkera?', channelData: { clientActivityID: clientActivityId() } },
    });
    assert.equal(missed.status, 200, 'the old token still works after the restart (signing key persisted)');
    assert.equal(client.activities.length, seenBeforeRestart, 'the client is really disconnected');

    await waitUntil(() => gate.held.length > 0, { timeout: 20_000, message: 'DLJS to try GET /conversations/{id}?watermark= after the socket closed' });
    gate.release();

    await client.waitForActivity((a) => a.id === missed.json.id, { timeout: 20_000, message: 'the activity posted while disconnected' });
    await client.waitForActivity((a) => a.replyToId === missed.json.id, { message: 'the reply produced while disconnected' });

    const reconnect = requestLog.find(reconnectCall);
    const lastWatermark = Number(firstSocket.frames.filter(Boolean).map((f) => JSON.parse(f).watermark).at(-1));
    assert.equal(reconnect.url, `${bot.domain}/conversations/${conversationId}?watermark=${lastWatermark}`, 'DLJS reconnects from its last watermark');
    assert.equal(reconnect.status, 200);
    assert.equal(typeof reconnect.response?.token, 'string', 'A6: the reconnect response contains a token');
    assert.ok(reconnect.response.token.length > 0);
    assert.equal(typeof reconnect.response?.streamUrl, 'string', 'A6: the reconnect response contains a streamUrl');
    assert.match(reconnect.response.streamUrl, /^ws:\/\/127\.0\.0\.1:\d+\/.*watermark=\d+/);
    assert.equal(client.directLine.token, reconnect.response.token, 'DLJS now uses the token from the reconnect response');
    const sockets = socketLog.filter((s) => s.url.includes(`/conversations/${conversationId}/stream`));
    assert.equal(sockets.length, 2, 'one new socket after the restart');
    assert.equal(sockets[1].url, reconnect.response.streamUrl, 'DLJS opened the streamUrl it was given');

    // A new message after the restart, then a sentinel: everything in between arrived exactly once.
    const q3 = await client.post({ type: 'message', from: { id: 'x' }, text: 'När töms soptunnan?', channelData: { clientActivityID: clientActivityId() } });
    assert.notEqual(q3, 'retry');
    await client.waitForActivity((a) => a.id === q3, { message: 'the echo after the restart' });
    await client.waitForActivity((a) => a.replyToId === q3, { message: 'the reply after the restart' });
    const sentinel = await client.post({ type: 'message', from: { id: 'x' }, text: 'Tack!', channelData: { clientActivityID: clientActivityId() } });
    await client.waitForActivity((a) => a.replyToId === sentinel, { message: 'the reply to the sentinel' });

    assert.deepEqual(client.duplicateIds(), [], 'no activity id delivered twice');
    const history = await api(bot, 'GET', `/conversations/${conversationId}/activities?watermark=`, { token: client.directLine.token });
    assert.equal(history.status, 200);
    assert.deepEqual(client.activities.map((a) => a.id), history.json.activities.map((a) => a.id), 'the client saw the whole persisted history, in order');
    assert.ok(client.activities.some((a) => a.replyToId === q1), 'the history from before the restart survived');
    assert.ok(client.statuses.slice(2).every((s) => s === ConnectionStatus.Online), `status stayed Online: ${client.statuses.map(statusName)}`);
    assert.deepEqual(client.errors, []);
  });

  test('A9 conversation gone after a crash with lost data: the polling GET answers 404 JSON and DLJS ends (status Ended)', async (t) => {
    // A fixed signing key keeps the token valid across the data loss, so the answer is about the conversation.
    const bot = await newBot(['--DirectLine:TokenSigningKey=compat-tests-fixed-signing-key-0123456789']);
    const { token } = await getToken(bot);
    const client = new Client({ domain: bot.domain, token, webSocket: false, pollingInterval: 500 });
    t.after(() => client.close());
    await client.waitForStatus(ConnectionStatus.Online);
    await client.waitForActivity(isBotMessage, { message: 'the welcome message' });
    const conversationId = client.conversationId;

    const poll = (r) => r.method === 'GET' && r.url.startsWith(`${bot.domain}/conversations/${conversationId}/activities?`);
    const gate = holdRequests(poll);
    t.after(() => gate.release());
    await waitUntil(() => gate.held.length > 0 && !requestLog.some((r) => poll(r) && r.sent && !r.held && !r.done), {
      message: 'the next poll to wait at the gate with none in flight',
    });
    await bot.restart({ signal: 'SIGKILL', wipeData: true });
    gate.release();

    await client.waitForStatus(ConnectionStatus.Ended);
    const last = requestLog.filter(poll).at(-1);
    assert.equal(last.status, 404);
    assert.equal(typeof last.response?.error?.code, 'string', `404 body is a Direct Line error: ${JSON.stringify(last.response)}`);
    const reconnect = await api(bot, 'GET', `/conversations/${conversationId}?watermark=`, { token });
    assert.equal(reconnect.status, 404, 'the token is still valid; the conversation is gone');
  });

  test('graceful shutdown (SIGTERM) with an open stream: the socket is closed with a close frame and the process exits promptly', async () => {
    const bot = await newBot();
    const { token } = await getToken(bot);
    const conversation = await startConversation(bot, token);
    const stream = new RawStream(conversation.streamUrl);
    await stream.opened;
    await stream.waitForActivity(isBotMessage);

    // Without open streams the bot stops in well under a second; 5 s is generous.
    const stopped = await bot.stop({ signal: 'SIGTERM', timeout: 5_000, throwOnTimeout: false });
    await waitUntil(() => stream.closed, { message: 'the client to see the socket close' });
    assert.equal(stopped.timedOut, false,
      `the bot was still running ${stopped.elapsedMs} ms after SIGTERM with one open Direct Line stream (killed); stream closed with ${JSON.stringify(stream.closed)}`);
    assert.ok([1000, 1001].includes(stream.closed.code), `the server closed the stream with a close frame (1000/1001), got ${JSON.stringify(stream.closed)}`);
  });
});
