// DOM and formatting helpers of the guide console. Strings always become text nodes, never HTML.

/** Creates an element; children are nodes or strings (strings become text nodes). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function shorten(text, max) {
  const flat = String(text || '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat;
}

// The same clock as the widget: Stockholm time, hours and minutes; the date when not today.
const timeFormat = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });
const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });
const dayFormat = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Stockholm' });

export function formatTime(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return dayFormat.format(date) === dayFormat.format(new Date()) ? timeFormat.format(date) : dateTimeFormat.format(date);
}

export function timeEl(value) {
  return el('time', { datetime: value || null }, formatTime(value));
}

/** "3 h 20 min", "45 min". */
export function duration(seconds) {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

export function percent(value) {
  const number = Number(value);
  if (!Number.isFinite(number)) return '';
  return Math.round(number <= 1 ? number * 100 : number) + '\u00a0%';
}

const LANGUAGES = { sv: 'svenska', 'sv-easy': 'lättläst svenska', en: 'engelska', ar: 'arabiska', fi: 'finska', so: 'somaliska', fa: 'persiska', pl: 'polska', es: 'spanska', de: 'tyska' };
const CHANNELS = { directline: 'webbchatt', webchat: 'webbchatt', messenger: 'Messenger', facebook: 'Messenger', msteams: 'Teams', emulator: 'emulator', test: 'test' };

export const languageName = (code) => LANGUAGES[code] || code || 'okänt språk';
export const hasLanguageName = (code) => Object.hasOwn(LANGUAGES, code);
export const channelName = (code) => CHANNELS[String(code || '').toLowerCase()] || code || 'okänd kanal';
