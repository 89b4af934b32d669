// A case's transcript as the resident saw it: the widget's Markdown subset (links as short titles,
// tel:/mailto:), the buttons the bot offered as chips, photos as thumbnails, the same clock.
import { renderText, safeUrl } from '/widget/js/text.js';
import { el, timeEl } from './dom.js';
import { translationEl } from './language.js';

function link(href, ...label) {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', title: href }, ...label, el('span', { class: 'visually-hidden' }, ' (öppnas i ny flik)'));
}

export function lineEl(line, pending) {
  const role = line.role === 'resident' || line.role === 'guide' ? line.role : 'bot';
  const sender = role === 'resident' ? 'Invånaren' : role === 'bot' ? 'Chattboten' : `${line.from || 'Vägledare'} (vägledare)`;
  // dir=auto: Arabic or Persian reads right to left in the Swedish console.
  const body = el('div', { class: 'line-text', dir: 'auto' });
  const options = { markdown: role === 'bot' && line.textFormat !== 'plain', link, shortUrl: true };
  if (line.text) {
    body.append(renderText(line.text, options));
  }
  for (const file of line.attachments || []) {
    const href = safeUrl(file.url);
    if (!href) continue;
    body.append(/^image\//i.test(file.contentType || '')
      ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'thumb-link' },
        el('img', { class: 'thumb', src: href, alt: file.name ? `Bild från invånaren: ${file.name}` : 'Bild från invånaren' }))
      : el('p', null, el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, `Fil: ${file.name || 'bilaga'}`)));
  }
  const chips = (line.buttons || []).length
    ? el('ul', { class: 'chips', 'aria-label': 'Knappar som chattboten visade' }, ...line.buttons.map((b) => el('li', { class: 'chip' }, b)))
    : null;
  return el('li', { class: `line line-${role}${pending ? ' line-pending' : ''}` },
    el('p', { class: 'line-head' }, el('span', { class: 'sender' }, sender), ' ', timeEl(line.timestamp)),
    body, translationEl(line, options), chips);
}
