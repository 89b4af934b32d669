import { h } from './dom.js';

// The Markdown subset the bot writes (shared with the guide console's transcript, guide/js/transcript.js):
// **bold**, [text](http(s)://…), bare http(s) URLs, phone numbers and e-mail addresses as tel:/mailto:
// links, and case and fault-report references that never wrap. Everything else stays literal text.
const INLINE = new RegExp([
  String.raw`\*\*(.+?)\*\*`,
  String.raw`\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)`,
  String.raw`(https?:\/\/[^\s<>"]+)`,
  String.raw`([\w.+-]+@[\w-]+(?:\.[\w-]+)+)`,
  String.raw`((?:\+46\s?|\b0)\d{1,3}[-\s]?\d{2,3}(?:[\s-]\d{2,3}){1,3}(?![\d]))`,
  String.raw`\b(112|1177|90101|11414)\b`,
  String.raw`\b((?:C|FR)-\d{4}-\d{6})\b`,
].join('|'), 'gi');

export function safeUrl(value) {
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A Swedish phone number as a tel: address in international form (031-365 00 00 → tel:+46313650000). */
export function telHref(number) {
  const digits = number.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return 'tel:' + digits;
  if (digits.length <= 5) return 'tel:' + digits;
  return 'tel:+46' + digits.replace(/^0/, '');
}

function appendInline(parent, text, options) {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    parent.append(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      if (options.markdown) {
        const strong = h('strong');
        appendInline(strong, m[1], options);
        parent.append(strong);
      } else {
        parent.append(m[0]);
      }
    } else if (m[2] !== undefined) {
      const href = options.markdown ? safeUrl(m[3]) : null;
      parent.append(href ? options.link(href, m[2]) : m[0]);
    } else if (m[4] !== undefined) {
      // A sentence's full stop or closing bracket after a bare URL is not part of it.
      const trail = m[4].match(/[.,;:!?)\]]+$/);
      const raw = trail ? m[4].slice(0, -trail[0].length) : m[4];
      const href = safeUrl(raw);
      parent.append(href ? options.link(href, options.shortUrl ? shortUrl(href) : raw) : raw, trail ? trail[0] : '');
    } else if (m[5] !== undefined) {
      parent.append(h('a', { href: 'mailto:' + m[5] }, m[5]));
    } else if (m[6] !== undefined || m[7] !== undefined) {
      const number = (m[6] || m[7]).trim();
      parent.append(h('a', { href: telHref(number), class: 'cb-nowrap' }, number));
    } else {
      parent.append(h('span', { class: 'cb-nowrap' }, m[8]));
    }
  }
  parent.append(text.slice(last));
}

/** A long address shown as its host and first path part (the console shows links as short titles). */
export function shortUrl(href) {
  try {
    const url = new URL(href);
    const path = url.pathname.split('/').filter(Boolean);
    return url.hostname.replace(/^www\./, '') + (path.length ? '/' + path[0] + (path.length > 1 ? '/…' : '') : '');
  } catch {
    return href;
  }
}

/**
 * Renders a message's text as paragraphs. `markdown: false` (guides' and residents' plain texts) still
 * turns addresses, phone numbers and e-mail addresses into links, but leaves ** and [..](..) as written.
 */
export function renderText(text, { markdown = true, link, shortUrl: short = false } = {}) {
  const fragment = document.createDocumentFragment();
  for (const para of String(text).split(/\n{2,}/)) {
    if (!para.trim()) continue;
    const p = h('p');
    para.split('\n').forEach((line, i) => {
      if (i) p.append(h('br'));
      appendInline(p, line, { markdown, link, shortUrl: short });
    });
    fragment.append(p);
  }
  return fragment;
}
