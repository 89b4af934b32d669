// The languages the resident can choose (the contract with the bot side, issue 14): the code the bot
// knows, the BCP-47 locale sent with every activity, the name in the language itself, and the direction.
export const LANGUAGES = [
  { code: 'sv', locale: 'sv-SE', name: 'Svenska', tag: 'sv', dir: 'ltr' },
  { code: 'sv-easy', locale: 'sv-SE', name: 'Lättläst svenska', tag: 'sv', dir: 'ltr' },
  { code: 'en', locale: 'en-US', name: 'English', tag: 'en', dir: 'ltr' },
  { code: 'fi', locale: 'fi-FI', name: 'Suomi', tag: 'fi', dir: 'ltr' },
  { code: 'ar', locale: 'ar', name: 'العربية', tag: 'ar', dir: 'rtl' },
  { code: 'fa', locale: 'fa-IR', name: 'فارسی', tag: 'fa', dir: 'rtl' },
  { code: 'so', locale: 'so-SO', name: 'Soomaali', tag: 'so', dir: 'ltr' },
];

/** The language of a code; Swedish for anything unknown. */
export const language = (code) => LANGUAGES.find((l) => l.code === code) || LANGUAGES[0];

export const isLanguage = (code) => LANGUAGES.some((l) => l.code === code);

/** The primary subtag of a BCP-47 locale ("fa-IR" → "fa"), for a lang attribute; null when it is not one. */
export function primaryTag(locale) {
  const match = typeof locale === 'string' && /^([a-z]{2,3})(?:[-_]|$)/i.exec(locale);
  return match ? match[1].toLowerCase() : null;
}
