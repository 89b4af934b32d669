// Answering a left message where the resident is: an e-mail to the address they gave, or "Ringt upp" with a note.
import { el, timeEl } from './dom.js';
import { api, caseUrl, describe } from './api.js';

const MAX_TEXT = 5000;

export function buildFollowUp(item, { announce, showError, refresh }) {
  const email = (item.summary.details || []).filter((d) => d.kind === 'e-post').map((d) => d.value).pop();
  const phone = (item.summary.details || []).filter((d) => d.kind === 'telefon').map((d) => d.value).pop();

  const text = el('textarea', { id: 'email-text', class: 'input', dir: 'auto', rows: '5', maxlength: String(MAX_TEXT), 'aria-describedby': 'email-hint' });
  const emailForm = el('form', { class: 'stack', novalidate: true },
    el('label', { for: 'email-text', class: 'label-block' }, 'Svar via e-post'),
    el('p', { id: 'email-hint', class: 'hint' }, email
      ? `Skickas till ${email} med ärendenumret ${item.id} i ämnesraden och invånarens meddelande citerat.`
      : 'Invånaren har inte lämnat någon e-postadress i ärendet.'),
    text,
    el('button', { type: 'submit', id: 'send-email', class: 'btn btn-primary', disabled: !email }, 'Skicka e-post'));
  emailForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      showError('Skriv svaret innan du skickar e-posten.');
      text.focus();
      return;
    }
    try {
      const sent = await api('POST', caseUrl(item.id) + '/email', { text: text.value.trim() });
      text.value = '';
      announce(`E-posten till ${sent.to} är sparad och skickas nu.`);
      refresh();
    } catch (error) {
      showError(describe(error, 'Att skicka e-posten'));
    }
  });

  const note = el('textarea', { id: 'callback-note', class: 'input', rows: '2', maxlength: String(MAX_TEXT) });
  const callForm = el('form', { class: 'stack', novalidate: true },
    el('label', { for: 'callback-note', class: 'label-block' }, phone ? `Ringt upp (${phone}) – anteckning` : 'Ringt upp – anteckning'),
    note,
    el('button', { type: 'submit', id: 'called-back', class: 'btn' }, 'Spara ”Ringt upp”'));
  callForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!note.value.trim()) {
      showError('Skriv en kort anteckning om samtalet.');
      note.focus();
      return;
    }
    try {
      await api('POST', caseUrl(item.id) + '/callback', { note: note.value.trim() });
      note.value = '';
      announce('Sparat: ringt upp.');
      refresh();
    } catch (error) {
      showError(describe(error, 'Att spara samtalet'));
    }
  });

  return el('section', { class: 'panel followup', 'aria-labelledby': 'followup-heading' },
    el('h3', { id: 'followup-heading' }, 'Svara invånaren'), emailForm, callForm);
}

/** The e-mails of a case and where they stand (waiting to be sent, sent). */
export function emailsEl(emails) {
  if (!emails || !emails.length) return null;
  return el('ul', { class: 'emails' }, ...emails.map((e) => el('li', null,
    e.status === 'sent'
      ? el('span', null, 'E-post skickad till ', e.to, ' ', timeEl(e.sentAt))
      : el('span', null, el('strong', null, 'E-post väntar på att skickas'), ` till ${e.to}`, e.attempts ? ` (försök ${e.attempts}: ${e.lastError || 'fel'})` : ''))));
}
