// Every text the widget shows, in Swedish and English.
export const STRINGS = {
  sv: {
    locale: 'sv-SE', otherLang: 'English', otherCode: 'en',
    launcher: 'Chatta med oss', title: 'Chatta med Göteborgs Stad', close: 'Stäng chatten',
    log: 'Meddelanden', label: 'Skriv ditt meddelande', send: 'Skicka',
    notice: 'Skriv inte personnummer eller andra känsliga uppgifter.',
    privacy: 'Så hanterar vi dina uppgifter', privacyShort: 'Integritet', typing: 'Chattboten skriver…', guideTyping: '{0} skriver…',
    bot: 'Chattbot', you: 'Du', guide: 'Vägledare', sending: 'Skickas…',
    failed: 'Kunde inte skickas – försök igen', retry: 'Försök igen',
    connectError: 'Chatten kunde inte ansluta. Försök igen om en stund.',
    ended: 'Samtalet är avslutat', newChat: 'Starta en ny chatt', suggestions: 'Förslag', newTab: ' (öppnas i ny flik)',
    download: 'Ladda ner', sentAt: 'Skickat',
    attach: 'Bifoga en bild', tooLarge: 'Bilden är för stor (högst 10 MB)',
    badType: 'Den filtypen kan inte skickas. Skicka en bild (JPEG, PNG, HEIC, WebP) eller en PDF.',
    quota: 'Du har skickat så många filer att det inte går att skicka fler just nu.',
    showMore: 'Visa mer', showLess: 'Visa mindre', alertLabel: 'Viktigt meddelande',
    statusQueued: 'Du står i kö till en vägledare – nummer {0}', statusQueuedNext: 'Du står först i kön till en vägledare',
    statusMessage: 'Ditt meddelande är sparat – ärende {0}', statusGuide: 'Du chattar med {0}, vägledare',
  },
  en: {
    locale: 'en-US', otherLang: 'Svenska', otherCode: 'sv',
    launcher: 'Chat with us', title: 'Chat with the City of Gothenburg', close: 'Close the chat',
    log: 'Messages', label: 'Write your message', send: 'Send',
    notice: 'Do not write personal identity numbers or other sensitive information.',
    privacy: 'How we handle your data', privacyShort: 'Privacy', typing: 'The chatbot is typing…', guideTyping: '{0} is typing…',
    bot: 'Chatbot', you: 'You', guide: 'Service guide', sending: 'Sending…',
    failed: 'Could not be sent – please try again', retry: 'Try again',
    connectError: 'The chat could not connect. Please try again in a while.',
    ended: 'The conversation has ended', newChat: 'Start a new chat', suggestions: 'Suggestions', newTab: ' (opens in a new tab)',
    download: 'Download', sentAt: 'Sent',
    attach: 'Attach a photo', tooLarge: 'The photo is too large (at most 10 MB)',
    badType: 'That kind of file cannot be sent. Send a photo (JPEG, PNG, HEIC, WebP) or a PDF.',
    quota: 'You have sent so many files that no more can be sent right now.',
    showMore: 'Show more', showLess: 'Show less', alertLabel: 'Important message',
    statusQueued: 'You are in the queue for a service guide – number {0}', statusQueuedNext: 'You are first in the queue for a service guide',
    statusMessage: 'Your message is saved – case {0}', statusGuide: 'You are chatting with {0}, service guide',
  },
};

/** The widget's current language and a lookup of its texts; {0} is replaced by the argument. */
export const i18n = {
  lang: 'sv',
  t(key, value) {
    const text = (STRINGS[i18n.lang] || STRINGS.sv)[key] || key;
    return value === undefined ? text : text.replace('{0}', value);
  },
};
