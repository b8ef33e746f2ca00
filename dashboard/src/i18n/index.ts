import i18next from 'i18next';
import { DEFAULT_LANGUAGE, INTL_LOCALES, LANGUAGES, NUMBER_LOCALES, type Language } from './languages.ts';
import { RESOURCES } from './resources.ts';
import type { Translate } from './translations.ts';

/** What the views need to speak one language: its translator and its Intl locale. */
export interface Locale {
  readonly language: Language;
  /** BCP 47 tag for Intl date formatters */
  readonly intlLocale: string;
  /** BCP 47 tag for Intl number formatters (see NUMBER_LOCALES) */
  readonly numberLocale: string;
  readonly t: Translate;
}

export interface I18n {
  localeFor(language: Language): Locale;
}

/**
 * One i18next instance with every language loaded up front (the resources are a few kilobytes), so switching
 * language is synchronous. Each Locale holds a translator fixed to its language: there is no global current language.
 */
export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: RESOURCES[lng] }])),
    lng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    fallbackLng: DEFAULT_LANGUAGE,
    initAsync: false,
    // Preact escapes text when it renders; escaping here too would show "&amp;" in names.
    interpolation: { escapeValue: false },
  });
  const locales = new Map<Language, Locale>();
  return {
    localeFor(language) {
      let locale = locales.get(language);
      if (locale === undefined) {
        const fixed = instance.getFixedT(language);
        locale = {
          language,
          intlLocale: INTL_LOCALES[language],
          numberLocale: NUMBER_LOCALES[language],
          t: (key, values) => fixed(key, values ?? {}),
        };
        locales.set(language, locale);
      }
      return locale;
    },
  };
}

export type { Language } from './languages.ts';
export type { MessageKey, Translate } from './translations.ts';
