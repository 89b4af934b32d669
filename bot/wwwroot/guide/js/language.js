// A case's language in the console (issue 14): a badge for anything but Swedish, the machine translation
// under a resident's or the bot's message, and a note when no translation can be had. Tolerant of cases
// and lines without these fields.
import { el, languageName, hasLanguageName } from './dom.js';
import { renderText } from '/widget/js/text.js';

/** Languages the guides read without a translation. */
const READ_AS_IS = ['sv', 'en', 'sv-easy'];

/** The case's language code: the case's own field, else the summary's; null when there is none. */
export function caseLanguage(item) {
  const code = (item && item.language) || (item && item.summary && item.summary.language);
  return typeof code === 'string' && code ? code : null;
}

/** "Arabiska", "Lättläst svenska" … as a small badge; null for Swedish and unknown codes. */
export function languageBadge(code) {
  if (!code || code === 'sv' || !hasLanguageName(code)) return null;
  const name = languageName(code);
  return el('span', { class: 'lang-badge', 'data-language': code },
    el('span', { class: 'visually-hidden' }, 'Språk: '), name.charAt(0).toUpperCase() + name.slice(1));
}

/** One line when the case is in a language the guides do not read and there is no machine translation. */
export function translationNote(item) {
  const code = caseLanguage(item);
  if (!item || item.translationAvailable !== false || !code || READ_AS_IS.includes(code)) return null;
  return el('p', { class: 'translation-note', lang: 'sv' }, 'Ingen maskinöversättning tillgänglig');
}

/** A message's translation { text, machine } under the original, in Swedish. */
export function translationEl(line, options) {
  const translation = line && line.translation;
  if (!translation || typeof translation.text !== 'string' || !translation.text.trim()) return null;
  return el('div', { class: 'line-translation', lang: 'sv' },
    el('p', { class: 'translation-label' }, translation.machine === false ? 'Översättning' : 'Maskinöversättning'),
    el('div', { class: 'translation-text', dir: 'auto' }, renderText(translation.text, options)));
}
