import type { en } from './en.ts';

type StringTree<T> = { readonly [K in keyof T]: T[K] extends string ? string : StringTree<T[K]> };

/** The shape every language has: en.ts's keys, with any string values. */
export type Translations = StringTree<typeof en>;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every translation key as a dot path, e.g. 'queue.emptyTitle'. */
export type MessageKey = Leaves<Translations>;

export type InterpolationValues = Readonly<Record<string, string | number>>;

/** Translate a key in one fixed language. */
export type Translate = (key: MessageKey, values?: InterpolationValues) => string;
