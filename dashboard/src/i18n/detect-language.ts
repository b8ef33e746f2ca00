import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages.ts';

/**
 * The language to start in: the reader's earlier choice, else the first of the browser's preferred languages we
 * have (by primary subtag: 'ru-KZ' → ru), else DEFAULT_LANGUAGE.
 */
export function detectLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}
