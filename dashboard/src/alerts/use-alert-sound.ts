import type { Alert } from '@rpm/contracts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { playAlertTone } from './alert-tone.ts';
import { loadSoundMuted, saveSoundMuted } from './sound-preference.ts';

export interface AlertSound {
  readonly muted: boolean;
  /** the browser allows sound: the user has clicked or pressed a key on the page since it loaded */
  readonly armed: boolean;
  readonly toggleMuted: () => void;
}

/**
 * A tone when a high-priority alert is raised. Browsers keep audio suspended until a user gesture (autoplay
 * policy), so the AudioContext is created on the first click or key press; until then the header says so.
 */
export function useAlertSound(lastRaised: Alert | undefined, storage: Storage): AlertSound {
  const [muted, setMuted] = useState(() => loadSoundMuted(storage));
  const [armed, setArmed] = useState(false);
  const context = useRef<AudioContext | undefined>(undefined);

  useEffect(() => {
    const arm = (): void => {
      if (context.current === undefined) {
        if (typeof AudioContext === 'undefined') return;
        context.current = new AudioContext();
      }
      void context.current.resume().then(() => setArmed(context.current?.state === 'running'));
    };
    // `click`, not `pointerdown`: the hint disappears when armed, and a layout shift between pointer down and up
    // would move the element under the pointer and lose the click.
    window.addEventListener('click', arm, true);
    window.addEventListener('keydown', arm, true);
    return () => {
      window.removeEventListener('click', arm, true);
      window.removeEventListener('keydown', arm, true);
      void context.current?.close();
      context.current = undefined;
    };
  }, []);

  const raisedKey = lastRaised === undefined ? undefined : `${lastRaised.id}@${lastRaised.updatedAt}`;
  useEffect(() => {
    if (lastRaised?.priority !== 'high' || muted || context.current === undefined) return;
    playAlertTone(context.current);
    // Only a newly raised alert sounds; unmuting does not replay the last one.
  }, [raisedKey]);

  const toggleMuted = useCallback(() => {
    setMuted((was) => {
      saveSoundMuted(storage, !was);
      return !was;
    });
  }, [storage]);

  return { muted, armed, toggleMuted };
}
