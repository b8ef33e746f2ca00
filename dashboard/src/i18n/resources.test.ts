import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages.ts';
import { RESOURCES } from './resources.ts';

/** Every leaf of a resource tree as [dot.path, value]. */
function leaves(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree as Readonly<Record<string, unknown>>).flatMap(([key, value]): [string, unknown][] =>
    typeof value === 'object' && value !== null ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const english = new Map(leaves(RESOURCES.en));

describe('translation resources', () => {
  it.each(LANGUAGES)('%s has exactly the keys of en', (language) => {
    expect(
      leaves(RESOURCES[language])
        .map(([key]) => key)
        .sort(),
    ).toEqual([...english.keys()].sort());
  });

  it.each(LANGUAGES)('%s has no empty or non-string values', (language) => {
    for (const [key, value] of leaves(RESOURCES[language])) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it.each(LANGUAGES)('%s uses the same {{placeholders}} as en in every string', (language) => {
    for (const [key, value] of leaves(RESOURCES[language])) {
      expect(placeholders(String(value)), key).toEqual(placeholders(String(english.get(key))));
    }
  });

  it('kk and ru are actually translated (Cyrillic, not copies of en)', () => {
    for (const language of ['kk', 'ru'] as const) {
      const copies = leaves(RESOURCES[language]).filter(([key, value]) => value === english.get(key) && /[A-Za-z]{3}/.test(String(value)));
      // Only strings without words may equal English: units like "%" and "°C".
      expect(copies.map(([key]) => key)).toEqual([]);
    }
  });
});
