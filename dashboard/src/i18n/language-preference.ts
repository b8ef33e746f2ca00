import type { Language } from './languages.ts';

const STORAGE_KEY = 'rpm.language';

/** The remembered language, if any. Storage can throw (disabled or full storage): then nothing is remembered. */
export function loadLanguagePreference(storage: Pick<Storage, 'getItem'>): string | null {
  try {
    return storage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveLanguagePreference(storage: Pick<Storage, 'setItem'>, language: Language): void {
  try {
    storage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is harmless: the next visit starts from the browser's language.
  }
}
