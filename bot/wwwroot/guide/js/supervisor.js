// The supervisor's view: each signed-in guide and their chats, each group's queue and how long the
// oldest case has waited, and the waiting cases with the 24-hour promise of messages. Refreshed every 15 s.
import { el, duration, timeEl, formatTime } from './dom.js';
import { api } from './api.js';

const REFRESH_MS = 15000;

function table(caption, headers, rows, empty) {
  return el('table', null,
    el('caption', null, caption),
    el('thead', null, el('tr', null, headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', null, rows.length ? rows : el('tr', null, el('td', { colspan: headers.length }, empty))));
}

function render(data) {
  const now = Date.parse(data.at);
  const guides = data.guides.map((g) => el('tr', null,
    el('th', { scope: 'row' }, g.displayName),
    el('td', null, !g.connected ? 'frånkopplad' : g.ready ? 'redo' : 'borta'),
    el('td', null, g.cases.length ? g.cases.map((c) => `${c.id} (${c.group}, ${c.minutes} min)`).join(', ') : '–'),
    el('td', null, String(g.messages)),
    el('td', null, g.groups.join(', '))));
  const groups = data.groups.map((g) => el('tr', null,
    el('th', { scope: 'row' }, g.group),
    el('td', null, String(g.queued)),
    el('td', null, g.queued ? duration(g.longestWaitSeconds) : '–'),
    el('td', null, String(g.active)),
    el('td', null, String(g.messages)),
    el('td', null, g.overdueMessages ? el('strong', { class: 'due-late' }, String(g.overdueMessages)) : '0'),
    el('td', null, String(g.readyGuides))));
  const waiting = data.waiting.map((c) => {
    const late = c.dueAt && Date.parse(c.dueAt) < now;
    return el('tr', { class: late ? 'row-late' : null },
      el('th', { scope: 'row' }, el('a', { href: '/guide/#arende=' + encodeURIComponent(c.id) }, c.id)),
      el('td', null, c.status === 'queued' ? 'i kö' : 'meddelande'),
      el('td', null, c.group),
      el('td', null, c.title || ''),
      el('td', null, duration(c.waitedSeconds)),
      el('td', null, c.dueAt ? [timeEl(c.dueAt), late ? el('strong', { class: 'due-late' }, ' försenat') : ''] : '–'));
  });
  document.getElementById('overview').replaceChildren(
    table('Vägledare', ['Vägledare', 'Status', 'Pågående chattar', 'Meddelanden att följa upp', 'Grupper'], guides, 'Ingen vägledare är inloggad.'),
    table('Grupper', ['Grupp', 'I kö', 'Längsta väntan', 'Pågående', 'Meddelanden', 'Försenade (över 24 h)', 'Redo vägledare'], groups, 'Inga ärenden just nu.'),
    table('Väntande ärenden, äldst först', ['Ärende', 'Typ', 'Grupp', 'Rubrik', 'Väntat', 'Svar senast'], waiting, 'Inga väntande ärenden.'));
  document.getElementById('status').textContent = `Uppdaterad ${formatTime(data.at)}.`;
}

async function refresh() {
  try {
    render(await api('GET', '/api/guide/supervisor'));
    document.getElementById('error').hidden = true;
  } catch (error) {
    const box = document.getElementById('error');
    box.textContent = 'Kunde inte hämta översikten: ' + error.message;
    box.hidden = false;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
