// The case summary a guide reads in five seconds: title, questions, details, what the bot answered.
import { el, timeEl, languageName, channelName, percent, duration } from './dom.js';

const OUTCOMES = {
  answer: 'svarade', clarify: 'erbjöd val', fallback: 'kunde inte svara', handoff: 'erbjöd vägledare',
  smalltalk: 'småprat', emergency: 'hänvisade till 112', form: 'formulär', relay: 'vidarebefordrat',
};
const DETAIL_KINDS = {
  personnummer: 'Personnummer', telefon: 'Telefon', referensnummer: 'Referensnummer', adress: 'Adress', plats: 'Plats',
  datum: 'Datum', 'e-post': 'E-post', felanmälan: 'Felanmälan',
};

/** Time left of the 24-hour promise, or how late it is; null for live chats. */
export function promiseEl(item) {
  const promise = item.message;
  if (!promise) return null;
  if (promise.answeredAt) {
    return el('span', { class: 'due due-done' + (promise.overdue ? ' due-late' : '') }, promise.overdue ? 'besvarat för sent ' : 'besvarat ', timeEl(promise.answeredAt));
  }
  // Counted by the server's clock: the deadline in this browser's time is now + the seconds left.
  const due = new Date(Date.now() + promise.secondsLeft * 1000).toISOString();
  return dueText(el('span', { class: 'due', 'data-due': due }), promise.secondsLeft);
}

/** "3 h 20 min kvar av 24 h", or "Försenat – 2 h över 24 h" (in words, not only in colour). */
export function dueText(span, secondsLeft) {
  span.classList.toggle('due-late', secondsLeft < 0);
  span.replaceChildren(...(secondsLeft >= 0 ? [`${duration(secondsLeft)} kvar av 24 h`] : [el('strong', null, 'Försenat'), ` – ${duration(-secondsLeft)} över 24 h`]));
  return span;
}

export function renderSummary(container, item, { waitEl, replyWindowEl }) {
  const summary = item.summary || {};
  const facts = el('dl', { class: 'facts' });
  const fact = (term, ...value) => facts.append(el('div', null, el('dt', null, term), el('dd', null, ...value)));
  fact('Anledning', summary.reason || '–');
  fact('Ämne', summary.topic || '–');
  fact('Språk', languageName(summary.language));
  fact('Kanal', channelName(item.channel || summary.channel));
  if (item.replyWindow) fact('Svarsfönster', replyWindowEl(item.replyWindow));
  if (item.message) fact('Svar senast', timeEl(item.message.dueAt), ' – ', promiseEl(item));
  fact('Väntetid', waitEl(item, item.status === 'queued' || item.status === 'message' ? 'har väntat ' : 'väntade '));
  if (item.claimedByName || item.claimedBy) fact('Vägledare', item.claimedByName || item.claimedBy);
  if (item.status === 'closed') fact('Avslutat', timeEl(item.closedAt), item.resolution ? ` – ${item.resolution}` : '');
  if (item.rating) fact('Betyg', `${item.rating} av 5`);
  if (summary.previousCase) fact('Tidigare ärende', summary.previousCase);

  const questions = summary.questions && summary.questions.length ? summary.questions : summary.question ? [summary.question] : [];
  const questionBlock = questions.length
    ? el('ol', { class: 'questions' }, ...questions.map((q) => el('li', null, q)))
    : el('p', { class: 'muted' }, 'Invånaren har inte ställt någon fråga än.');

  const details = summary.details || [];
  const detailBlock = details.length
    ? el('ul', { class: 'details' }, ...details.map((d) => el('li', null,
      el('span', { class: 'detail-kind' }, (DETAIL_KINDS[d.kind] || d.kind || 'Uppgift') + ': '), d.value || '')))
    : el('p', { class: 'muted' }, 'Inga uppgifter hittades i samtalet.');

  const answers = summary.botAnswers || [];
  const answerBlock = answers.length
    ? el('ol', { class: 'bot-answers' }, ...answers.map((a) => el('li', null,
      el('span', { class: 'ba-question' }, `”${a.question || ''}”`), ' → ',
      a.answerTitle ? el('span', { class: 'ba-answer' }, a.answerTitle)
        : el('span', { class: 'ba-answer muted' }, a.outcome === 'answer' ? 'svar' : a.outcome === 'clarify' ? 'erbjöd val' : 'inget svar ur kunskapsbanken'),
      ' ', el('span', { class: 'ba-meta' }, `(${OUTCOMES[a.outcome] || a.outcome || 'okänt'}, säkerhet ${percent(a.confidence)})`))))
    : el('p', { class: 'muted' }, 'Chattboten gav inga svar.');

  container.replaceChildren(
    el('h3', { id: 'summary-heading' }, 'Sammanfattning'),
    el('p', { class: 'summary-title' }, summary.title || summary.reason || ''),
    el('h4', null, questions.length > 1 ? 'Frågor' : 'Fråga'),
    questionBlock,
    facts,
    el('h4', null, 'Uppgifter'),
    detailBlock,
    el('h4', null, 'Chattbotens svar'),
    answerBlock);
}
