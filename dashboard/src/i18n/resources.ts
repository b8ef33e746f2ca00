import { en } from './en.ts';
import { kk } from './kk.ts';
import type { Language } from './languages.ts';
import { ru } from './ru.ts';
import type { Translations } from './translations.ts';

export const RESOURCES: Readonly<Record<Language, Translations>> = { kk, ru, en };
