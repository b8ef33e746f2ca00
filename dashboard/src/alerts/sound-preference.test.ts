import { describe, expect, it } from 'vitest';
import { loadSoundMuted, saveSoundMuted } from './sound-preference.ts';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('sound preference', () => {
  it('is on until muted, and remembers both choices', () => {
    const storage = memory();
    expect(loadSoundMuted(storage)).toBe(false);
    saveSoundMuted(storage, true);
    expect(loadSoundMuted(storage)).toBe(true);
    saveSoundMuted(storage, false);
    expect(loadSoundMuted(storage)).toBe(false);
  });

  it('stays on when storage throws', () => {
    const broken = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: (): void => {
        throw new Error('denied');
      },
    };
    expect(loadSoundMuted(broken)).toBe(false);
    expect(() => saveSoundMuted(broken, true)).not.toThrow();
  });
});
