import { describe, expect, it } from 'vitest';
import { clearSession, loadSession, saveSession, type Session } from './session.ts';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

const session: Session = {
  token: 'tok',
  expiresAt: '2025-11-23T12:00:00.000Z',
  user: { id: '22222222-2222-4222-8222-222222222222', username: 'nurse', displayName: 'Айгерім Сәрсенова', role: 'clinician' },
};
const before = Date.parse('2025-11-23T11:00:00Z');
const after = Date.parse('2025-11-23T12:00:00Z');

describe('session storage', () => {
  it('round-trips a session until it expires', () => {
    const storage = memoryStorage();
    saveSession(storage, session);
    expect(loadSession(storage, before)).toEqual(session);
    expect(loadSession(storage, after)).toBeUndefined();
  });

  it('clear forgets it', () => {
    const storage = memoryStorage();
    saveSession(storage, session);
    clearSession(storage);
    expect(loadSession(storage, before)).toBeUndefined();
  });

  it.each(['not json', '{"token": 1}', 'null'])('ignores a corrupt entry: %s', (raw) => {
    const storage = memoryStorage();
    storage.items.set('rpm.session', raw);
    expect(loadSession(storage, before)).toBeUndefined();
  });

  it('storage that throws acts empty', () => {
    const failing = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: (): void => {
        throw new Error('QuotaExceededError');
      },
      removeItem: (): void => {
        throw new Error('SecurityError');
      },
    };
    expect(() => saveSession(failing, session)).not.toThrow();
    expect(() => clearSession(failing)).not.toThrow();
    expect(loadSession(failing, before)).toBeUndefined();
  });
});
