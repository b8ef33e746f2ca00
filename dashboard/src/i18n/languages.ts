export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Used when the browser prefers none of LANGUAGES. */
export const DEFAULT_LANGUAGE: Language = 'ru';

/**
 * Each language's name in itself. These are shown the same whatever the interface language is (a Kazakh reader
 * looks for "Қазақша", not its translation), so they are not translation keys.
 */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** Locales for Intl dates: Kazakhstan's conventions (day before month, 24-hour clock) in every language. */
export const INTL_LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-KZ', en: 'en-GB' };

/**
 * Locales for Intl numbers. Kazakh numbers are written like Russian ones (decimal comma, space between thousands:
 * CLDR kk and ru agree), and Chromium's bundled ICU has no kk data (it prints 38.4 for 38,4), so kk borrows ru-KZ.
 * Numbers carry no words, so nothing Russian shows through.
 */
export const NUMBER_LOCALES: Readonly<Record<Language, string>> = { kk: 'ru-KZ', ru: 'ru-KZ', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
