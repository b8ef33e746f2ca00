import { describe, expect, it } from 'vitest';
import { closeSentence } from './sentence.ts';

describe('closeSentence', () => {
  it('keeps one full stop after an abbreviation that ends the sentence', () => {
    expect(closeSentence('соңғысы 128 мм сын. бағ..')).toBe('соңғысы 128 мм сын. бағ.');
    expect(closeSentence('последнее 128 мм рт. ст..')).toBe('последнее 128 мм рт. ст.');
  });

  it('leaves other sentences alone', () => {
    expect(closeSentence('latest 128 mmHg.')).toBe('latest 128 mmHg.');
    expect(closeSentence('Loading…')).toBe('Loading…');
    expect(closeSentence('a.. b.')).toBe('a.. b.');
  });
});
