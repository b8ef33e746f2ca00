import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from './index.ts';

export const LocaleContext = createContext<Locale | undefined>(undefined);

/** The reader's language: its translator and Intl locale (provided by App). */
export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (locale === undefined) throw new Error('useLocale() outside <LocaleContext.Provider>');
  return locale;
}
