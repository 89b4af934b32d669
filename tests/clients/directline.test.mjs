// protocols.md §7 A: the Direct Line 3.0 facade with the real botframework-directlinejs 0.15.5
// (plus raw HTTP/WebSocket checks of the contract underneath it). One bot process for the file;
// every test uses its own conversation, so the tests run concurrently.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBot } from './lib/bot-process.mjs';
import {
  Client, ConnectionStatus, UTC_TIMESTAMP, clientActivityId, getToken, jwtClaims, requestLog, requestsTo, socketLog,
  statusName, waitUntil,
} from './lib/directline.mjs';
import { RawStream, api, postChunked, startConversation } from './lib/rest.mjs';

const SECRET = 'compat-test-secret-' + Math.random().toString(36).slice(2);
const LIBRARY_CARD = 'Hur skaffar jag bibliotekskort?';
const isBotMessage = (a) => a.type === 'message' && a.from?.role === 'bot';

let bot;

before(async () => {
  bot = await startBot({ args: [`--DirectLine:Secret=${SECRET}`] });
});

after(async () => {
  await bot?.dispose();
});

/** A started DLJS client on a new website token; closed when the test ends. */
async function connectedClient(t, options = {}) {
  const { token } = await getToken(bot);
  const client = new Client({ domain: bot.domain, token, ...options });
  t.after(() => client.close());
  await client.waitForStatus(ConnectionStatus.Online);
  await client.waitForActivity(isBotMessage, { message: 'the welcome message' });
  return client;
}

function assertErrorBody(response, status) {
  assert.equal(response.status, status, `expected HTTP ${status}, got ${response.status}: ${response.text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, 'error responses are JSON');
  assert.equal(typeof response.json?.error?.code, 'string', `error body needs error.code: ${response.text}`);
  assert.ok(response.json.error.code.length > 0);
  assert.equal(typeof response.json.error.message, 'string', `error body needs error.message: ${response.text}`);
}

describe('Direct Line 3.0 with botframework-directlinejs 0.15.5', { concurrency: true, timeout: 90_000 }, () => {
  test('A1 start with a token: 201 Conversation, status Uninitialized → Connecting → Online, later calls use the returned token', async (t) => {
    const website = await getToken(bot);
    const client = new Client({ domain: bot.domain, token: website.token });
    t.after(() => client.close());
    await client.waitForStatus(ConnectionStatus.Online);
    assert.deepEqual(client.statuses.slice(0, 3).map(statusName), ['Uninitialized', 'Connecting', 'Online']);

    const start = requestLog.find((r) => r.method === 'POST' && r.url === `${bot.domain}/conversations` && r.headers.authorization === `Bearer ${website.token}`);
    assert.ok(start, 'DLJS called POST /conversations with the website token');
    await waitUntil(() => start.done, { message: 'the start response' });
    assert.equal(start.status, 201);
    assert.equal(start.headers['x-ms-bot-agent'], 'DirectLine/3.0 (directlinejs 0.15.5)');
    const conversation = start.response;
    assert.equal(conversation.conversationId, website.conversationId, 'the token\'s conversation is started');
    assert.equal(typeof conversation.token, 'string');
    assert.equal(typeof conversation.expires_in, 'number');
    assert.ok(conversation.expires_in > 0);
    assert.ok(conversation.streamUrl.startsWith(`ws://127.0.0.1:${bot.port}/`), `streamUrl ${conversation.streamUrl}`);
    assert.equal(jwtClaims(conversation.token).conv, website.conversationId);

    const welcome = await client.waitForActivity(isBotMessage, { message: 'the Swedish welcome message' });
    assert.equal(welcome.locale, 'sv-SE');
    assert.match(welcome.text, /Hej/);
    assert.ok(welcome.suggestedActions?.actions?.length > 0, 'the welcome offers suggested actions');

    const id = await client.post({ type: 'message', from: { id: 'ignored' }, text: 'Hej' });
    const post = requestLog.find((r) => r.method === 'POST' && r.url.endsWith(`/conversations/${website.conversationId}/activities`));
    assert.equal(post.headers.authorization, `Bearer ${conversation.token}`, 'after start DLJS uses response.token');
    assert.notEqual(id, 'retry');
  });

  test('A2 start with the secret: every call keeps Bearer <secret>, no token refresh', async (t) => {
    const client = new Client({ domain: bot.domain, secret: SECRET });
    t.after(() => client.close());
    await client.waitForStatus(ConnectionStatus.Online);
    await client.waitForActivity(isBotMessage, { message: 'the welcome message' });
    const id = await client.post({ type: 'message', from: { id: 'dl_secretuser' }, text: LIBRARY_CARD });
    await client.waitForActivity((a) => a.replyToId === id, { message: 'the reply' });
    const calls = requestsTo(`/conversations/${client.conversationId}`);
    assert.ok(calls.length >= 1);
    for (const call of [...calls, requestLog.find((r) => r.headers.authorization === `Bearer ${SECRET}` && r.url.endsWith('/conversations'))]) {
      assert.equal(call.headers.authorization, `Bearer ${SECRET}`, `${call.method} ${call.url}`);
    }
    assert.equal(requestsTo('/tokens/refresh').filter((r) => r.headers.authorization === `Bearer ${SECRET}`).length, 0);
  });

  test('A3 post with clientActivityID: R6 returns the id, the echo has it with identical channelData and a UTC timestamp, the bot answers', async (t) => {
    const client = await connectedClient(t);
    const userId = jwtClaims(client.directLine.token).user;
    const channelData = { clientActivityID: clientActivityId(), 'webchat:sequence-id': 7 };
    const id = await client.post({ type: 'message', from: { id: userId, role: 'user' }, text: LIBRARY_CARD, locale: 'sv-SE', channelData });
    assert.equal(typeof id, 'string');
    assert.notEqual(id, 'retry', 'R6 must answer {"id"} (an empty body makes DLJS emit "retry")');

    const r6 = requestLog.find((r) => r.method === 'POST' && r.url.endsWith(`/conversations/${client.conversationId}/activities`));
    assert.equal(r6.status, 200);
    assert.deepEqual(r6.response, { id });

    const echo = await client.waitForActivity((a) => a.id === id, { message: 'the echo of the posted activity' });
    assert.deepEqual(echo.channelData, channelData);
    assert.equal(echo.from.id, userId);
    assert.equal(echo.text, LIBRARY_CARD);
    assert.match(echo.timestamp, UTC_TIMESTAMP);
    assert.equal(echo.conversation.id, client.conversationId);

    const reply = await client.waitForActivity((a) => isBotMessage(a) && a.replyToId === id, { message: 'the bot reply' });
    assert.match(reply.text, /legitimation/i);
    assert.match(reply.timestamp, UTC_TIMESTAMP);
    assert.ok(Date.parse(reply.timestamp) >= Date.parse(echo.timestamp), 'the reply is not older than the echo');
    assert.ok(client.activities.indexOf(echo) < client.activities.indexOf(reply), 'the echo arrives before the reply');
    assert.notEqual(reply.from.id, userId);
  });

  test('A4 stream frames: only "" keep-alives or ActivitySets; client "" pings ignored; a keep-alive arrives after 15 s idle', async (t) => {
    const { token } = await getToken(bot);
    const conversation = await startConversation(bot, token);
    const stream = new RawStream(conversation.streamUrl);
    t.after(() => stream.close());
    await stream.opened;
    await stream.waitForActivity(isBotMessage);
    stream.send(''); // DLJS's liveness ping
    const posted = await api(bot, 'POST', `/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: { type: 'message', from: { id: 'x' }, text: LIBRARY_CARD, channelData: { clientActivityID: clientActivityId() } },
    });
    assert.equal(posted.status, 200);
    await stream.waitForActivity((a) => a.replyToId === posted.json.id);
    stream.send('');
    const lastActivityFrame = stream.frames.at(-1).at;
    const keepAlive = await waitUntil(() => stream.frames.find((f) => f.text === '' && f.at >= lastActivityFrame), {
      timeout: 25_000,
      interval: 200,
      message: 'an empty keep-alive frame within 25 s of the last activity',
    });
    assert.ok(keepAlive.at - lastActivityFrame >= 10_000, `the keep-alive came after ${keepAlive.at - lastActivityFrame} ms idle`);

    assert.equal(stream.closed, null, 'the server kept the socket open');
    assert.deepEqual(stream.errors, []);
    const ids = [];
    let lastWatermark = -1;
    for (const frame of stream.frames) {
      assert.equal(frame.binary, false, 'every frame is a text frame');
      if (frame.text === '') {
        continue;
      }
      const set = JSON.parse(frame.text);
      assert.ok(Array.isArray(set.activities), `frame is an ActivitySet: ${frame.text.slice(0, 200)}`);
      assert.ok(set.activities.length > 0, 'no empty ActivitySets');
      assert.equal(typeof set.watermark, 'string');
      assert.ok(Number(set.watermark) > lastWatermark, 'the watermark advances');
      lastWatermark = Number(set.watermark);
      for (const activity of set.activities) {
        assert.equal(typeof activity.type, 'string');
        assert.equal(typeof activity.id, 'string');
        assert.match(activity.timestamp, UTC_TIMESTAMP);
        ids.push(activity.id);
      }
    }
    assert.equal(new Set(ids).size, ids.length, `no activity id twice: ${ids}`);
    assert.ok(ids.length >= 3, 'welcome, echo and reply were streamed');
  });

  test('A7 polling (webSocket:false, pollingInterval 500): first GET has watermark=, the watermark advances, bot messages arrive', async (t) => {
    const client = await connectedClient(t, { webSocket: false, pollingInterval: 500 });
    const id = await client.post({ type: 'message', from: { id: 'x' }, text: LIBRARY_CARD, channelData: { clientActivityID: clientActivityId() } });
    await client.waitForActivity((a) => a.id === id, { message: 'the echo' });
    const reply = await client.waitForActivity((a) => isBotMessage(a) && a.replyToId === id, { message: 'the reply' });
    assert.match(reply.text, /legitimation/i);

    const polls = requestLog.filter((r) => r.method === 'GET' && r.url.includes(`/conversations/${client.conversationId}/activities?watermark=`));
    assert.ok(polls.length >= 2, 'DLJS polled more than once');
    assert.ok(polls[0].url.endsWith('?watermark='), `the first poll has an empty watermark: ${polls[0].url}`);
    const watermarks = polls.map((r) => r.url.split('watermark=')[1]).filter((w) => w !== '').map(Number);
    assert.ok(watermarks.length > 0 && watermarks.every((w, i) => Number.isInteger(w) && (i === 0 || w >= watermarks[i - 1])), `watermarks ${watermarks}`);
    await waitUntil(() => requestLog.some((r) => r.url.endsWith(`/activities?watermark=3`)), { message: 'a poll from watermark 3 (after welcome, echo, reply)' });
    for (const poll of polls.filter((p) => p.done)) {
      assert.equal(poll.status, 200);
    }
    assert.equal(socketLog.filter((s) => s.url.includes(client.conversationId)).length, 0, 'no WebSocket in polling mode');
    assert.equal(client.duplicateIds().length, 0);
  });

  test('A9 unknown conversation: 404 JSON error; DLJS resuming it fails to connect', async (t) => {
    for (const [method, path] of [['GET', '/conversations/doesNotExist/activities?watermark='], ['GET', '/conversations/doesNotExist?watermark='], ['POST', '/conversations/doesNotExist/activities']]) {
      const response = await api(bot, method, path, { token: SECRET, body: method === 'POST' ? { type: 'message', text: 'Hej' } : undefined });
      assertErrorBody(response, 404);
    }
    const client = new Client({ domain: bot.domain, secret: SECRET, conversationId: 'doesNotExist', webSocket: false, pollingInterval: 500 });
    t.after(() => client.close());
    await client.waitForStatus(ConnectionStatus.FailedToConnect);
  });

  test('A12 resume with {token, conversationId, watermark:"0"} replays the whole history in order', async (t) => {
    const first = await connectedClient(t);
    for (const text of [LIBRARY_CARD, 'Var kan jag parkera?']) {
      const id = await first.post({ type: 'message', from: { id: 'x' }, text, channelData: { clientActivityID: clientActivityId() } });
      await first.waitForActivity((a) => a.replyToId === id, { message: `the reply to ${text}` });
    }
    const history = first.activities.filter((a) => a.type !== 'typing');
    assert.ok(history.length >= 5);
    const resumed = new Client({ domain: bot.domain, token: first.directLine.token, conversationId: first.conversationId, watermark: '0' });
    t.after(() => resumed.close());
    await resumed.waitForStatus(ConnectionStatus.Online);
    await waitUntil(() => resumed.activities.length >= first.activities.length, { message: 'the replayed history' });
    assert.deepEqual(resumed.activities.map((a) => a.id), first.activities.map((a) => a.id));
    assert.deepEqual(resumed.activities, first.activities, 'replayed activities are identical');
    const reconnect = requestLog.find((r) => r.method === 'GET' && r.url === `${bot.domain}/conversations/${first.conversationId}?watermark=0`);
    assert.ok(reconnect, 'DLJS resumed with GET /conversations/{id}?watermark=0');
    assert.equal(reconnect.status, 200);
    assert.equal(typeof reconnect.response.token, 'string', 'the reconnect response has a token');
    assert.equal(typeof reconnect.response.streamUrl, 'string', 'the reconnect response has a streamUrl');
  });

  test('A14 Swedish, emoji, markdown and newlines survive the round trip', async (t) => {
    const client = await connectedClient(t);
    const text = 'Var ligger närmaste återvinningscentral? ♻️\n\n**Öppettider** för _Återbruket_ 👩🏽‍🔧 — ÅÄÖ åäö é ü ß 中文\r\n- punkt ett\n- punkt två\t(tab)';
    const id = await client.post({ type: 'message', from: { id: 'x' }, text, locale: 'sv-SE', channelData: { clientActivityID: clientActivityId(), note: 'Källa: ♻️' } });
    const echo = await client.waitForActivity((a) => a.id === id, { message: 'the echo' });
    assert.equal(echo.text, text);
    assert.equal(echo.channelData.note, 'Källa: ♻️');
    const reply = await client.waitForActivity((a) => isBotMessage(a) && a.replyToId === id, { message: 'the reply' });
    assert.ok(reply.text.length > 0);
    assert.ok(!reply.text.includes('\uFFFD'), 'no replacement characters in the reply');
  });

  test('A15 unknown top-level fields and arbitrary channelData survive the round trip unchanged', async (t) => {
    const client = await connectedClient(t);
    const channelData = {
      clientActivityID: clientActivityId(),
      postBack: true,
      nested: { list: [1, 'två', { deep: null, flag: false }, [], {}], 'nyckel-åäö': 'värde', number: 1.25, negative: -3 },
      empty: '',
    };
    const extras = {
      customTopLevel: { a: [1, 2, 3], b: { c: 'd' } },
      'x-city-field': 'kommun',
      someNumber: 42,
    };
    const activity = {
      type: 'message',
      from: { id: 'x', name: '' },
      text: 'Bibliotek',
      locale: 'sv-SE',
      localTimestamp: '2026-03-01T10:15:00.123+01:00',
      localTimezone: 'Europe/Stockholm',
      attachments: [],
      entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
      value: { form: { name: 'Åsa', items: [1, 2] } },
      channelData,
      ...extras,
    };
    const id = await client.post(activity);
    const echo = await client.waitForActivity((a) => a.id === id, { message: 'the echo' });
    assert.deepEqual(echo.channelData, channelData);
    for (const [name, value] of Object.entries(extras)) {
      assert.deepEqual(echo[name], value, `top-level field ${name}`);
    }
    assert.deepEqual(echo.value, activity.value);
    assert.deepEqual(echo.entities, activity.entities);
    assert.equal(echo.localTimezone, 'Europe/Stockholm');
    assert.equal(Date.parse(echo.localTimestamp), Date.parse(activity.localTimestamp), `localTimestamp ${echo.localTimestamp}`);
    assert.match(echo.timestamp, UTC_TIMESTAMP);
    const history = await api(bot, 'GET', `/conversations/${client.conversationId}/activities?watermark=`, { token: client.directLine.token });
    assert.deepEqual(history.json.activities.find((a) => a.id === id), echo, 'the stored copy equals the streamed copy');
  });

  test('A16 oversized activity (>256 KB) → 413 JSON error, not stored; DLJS post fails', async (t) => {
    const client = await connectedClient(t);
    const token = client.directLine.token;
    const path = `/conversations/${client.conversationId}/activities`;
    const big = { type: 'message', text: 'stor', channelData: { clientActivityID: clientActivityId(), blob: 'å'.repeat(140 * 1024) } };
    assertErrorBody(await api(bot, 'POST', path, { token, body: big }), 413);

    const chunk = JSON.stringify(big);
    const chunked = await postChunked(bot, path, token, [chunk.slice(0, 100_000), chunk.slice(100_000, 200_000), chunk.slice(200_000)]);
    assert.equal(chunked.status, 413, `chunked upload without Content-Length: ${chunked.status} ${chunked.text}`);
    assert.equal(typeof JSON.parse(chunked.text).error.code, 'string');

    await assert.rejects(client.post(big), (error) => error.status === 413, 'DLJS reports the 413');
    const history = await api(bot, 'GET', `${path}?watermark=`, { token });
    assert.ok(!history.json.activities.some((a) => a.text === 'stor'), 'the oversized activity was not stored');
  });

  test('A16 from.id spoofing is overridden by the token\'s user', async (t) => {
    const client = await connectedClient(t);
    const userId = jwtClaims(client.directLine.token).user;
    const spoofed = { id: 'dl_someoneElse123', name: 'Mallory', role: 'bot' };
    const id = await client.post({ type: 'message', from: spoofed, text: 'Hej', channelData: { clientActivityID: clientActivityId() } });
    const echo = await client.waitForActivity((a) => a.id === id, { message: 'the echo' });
    assert.equal(echo.from.id, userId);
    assert.equal(echo.from.role, 'user');

    const raw = await api(bot, 'POST', `/conversations/${client.conversationId}/activities`, {
      token: client.directLine.token,
      body: { type: 'message', from: { id: 'stadsbot', role: 'bot' }, text: 'Jag är boten' },
    });
    assert.equal(raw.status, 200);
    const rawEcho = await client.waitForActivity((a) => a.id === raw.json.id, { message: 'the raw echo' });
    assert.equal(rawEcho.from.id, userId);
    assert.equal(rawEcho.from.role, 'user');
  });

  test('A17 CORS preflight with Authorization, Content-Type, x-ms-bot-agent → 2xx on every Direct Line route', async () => {
    const { token, conversationId } = await getToken(bot);
    await startConversation(bot, token);
    const origin = 'https://www.goteborg.se';
    const routes = [
      ['POST', '/conversations'],
      ['GET', `/conversations/${conversationId}?watermark=`],
      ['GET', `/conversations/${conversationId}/activities?watermark=`],
      ['POST', `/conversations/${conversationId}/activities`],
      ['POST', '/tokens/refresh'],
    ];
    for (const [method, path] of routes) {
      const response = await fetch(`${bot.domain}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': method,
          'Access-Control-Request-Headers': 'authorization,content-type,x-ms-bot-agent',
        },
      });
      assert.ok(response.status >= 200 && response.status < 300, `OPTIONS ${path}: ${response.status}`);
      const allowOrigin = response.headers.get('access-control-allow-origin');
      assert.ok(allowOrigin === '*' || allowOrigin === origin, `Access-Control-Allow-Origin: ${allowOrigin}`);
      const allowHeaders = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',').map((h) => h.trim());
      for (const header of ['authorization', 'content-type', 'x-ms-bot-agent']) {
        assert.ok(allowHeaders.includes(header) || allowHeaders.includes('*'), `${path} allows ${header}: ${allowHeaders}`);
      }
      const allowMethods = (response.headers.get('access-control-allow-methods') ?? '').toUpperCase();
      assert.ok(allowMethods.includes(method) || allowMethods.includes('*'), `${path} allows ${method}: ${allowMethods}`);
    }
    const actual = await fetch(`${bot.domain}/conversations/${conversationId}/activities?watermark=`, { headers: { Origin: origin, Authorization: `Bearer ${token}` } });
    assert.equal(actual.status, 200);
    assert.ok(['*', origin].includes(actual.headers.get('access-control-allow-origin')), 'the actual response carries Access-Control-Allow-Origin');
  });

  test('A19 two WebSocket clients on the same conversation both receive activities; neither reconnects', async (t) => {
    const first = await connectedClient(t);
    const second = new Client({ domain: bot.domain, token: first.directLine.token, conversationId: first.conversationId });
    t.after(() => second.close());
    await second.waitForStatus(ConnectionStatus.Online);
    await second.waitForActivity(isBotMessage, { message: 'the welcome replayed to the second client' });

    const fromFirst = await first.post({ type: 'message', from: { id: 'x' }, text: LIBRARY_CARD, channelData: { clientActivityID: clientActivityId() } });
    const fromSecond = await second.post({ type: 'message', from: { id: 'x' }, text: 'Var kan jag parkera?', channelData: { clientActivityID: clientActivityId() } });
    for (const client of [first, second]) {
      for (const id of [fromFirst, fromSecond]) {
        await client.waitForActivity((a) => a.id === id, { message: `echo ${id}` });
        await client.waitForActivity((a) => a.replyToId === id, { message: `reply to ${id}` });
      }
    }
    assert.deepEqual(first.duplicateIds(), []);
    assert.deepEqual(second.duplicateIds(), []);
    assert.deepEqual(second.activities.map((a) => a.id), first.activities.map((a) => a.id), 'both tabs see the same transcript');
    const sockets = socketLog.filter((s) => s.url.includes(`/conversations/${first.conversationId}/stream`));
    assert.equal(sockets.length, 2, 'one socket per client, no reconnects');
    assert.ok(sockets.every((s) => s.opened && !s.closed));
    const reconnects = requestLog.filter((r) => r.method === 'GET' && r.url.startsWith(`${bot.domain}/conversations/${first.conversationId}?`));
    assert.equal(reconnects.length, 1, 'only the second client\'s resume call');
  });

  test('a token for conversation A cannot read or post to conversation B (403 JSON error)', async () => {
    const a = await getToken(bot);
    const b = await getToken(bot);
    const started = await startConversation(bot, b.token);
    await startConversation(bot, a.token);
    const beforeAttack = await api(bot, 'GET', `/conversations/${b.conversationId}/activities?watermark=`, { token: b.token });
    assert.equal(beforeAttack.status, 200);

    assertErrorBody(await api(bot, 'GET', `/conversations/${b.conversationId}/activities?watermark=`, { token: a.token }), 403);
    assertErrorBody(await api(bot, 'GET', `/conversations/${b.conversationId}?watermark=`, { token: a.token }), 403);
    assertErrorBody(await api(bot, 'POST', `/conversations/${b.conversationId}/activities`, {
      token: a.token,
      body: { type: 'message', text: 'intrång', channelData: { clientActivityID: clientActivityId() } },
    }), 403);
    assertErrorBody(await api(bot, 'POST', `/conversations/${b.conversationId}/upload?userId=x`, { token: a.token, body: '{}' }), 403);

    const streamOfB = new URL(started.streamUrl);
    streamOfB.searchParams.set('t', a.token);
    const foreign = new RawStream(streamOfB.toString());
    assert.equal(await foreign.rejected, 403, 'the stream of B does not open with A\'s token');
    streamOfB.searchParams.delete('t');
    const anonymous = new RawStream(streamOfB.toString());
    const anonymousStatus = await anonymous.rejected;
    assert.ok(anonymousStatus === 401 || anonymousStatus === 403, `the stream does not open without a token (${anonymousStatus})`);

    const afterAttack = await api(bot, 'GET', `/conversations/${b.conversationId}/activities?watermark=`, { token: b.token });
    assert.deepEqual(afterAttack.json, beforeAttack.json, 'B is unchanged');
    assertErrorBody(await api(bot, 'GET', `/conversations/${b.conversationId}/activities?watermark=`, { token: 'not-a-token' }), 403);
    assertErrorBody(await api(bot, 'GET', `/conversations/${b.conversationId}/activities?watermark=`, {}), 401);
  });
});
