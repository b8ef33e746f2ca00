/** Whether the high-priority cue is muted, remembered per browser (like the language). */
const STORAGE_KEY = 'rpm.alertSound.muted';

export function loadSoundMuted(storage: Pick<Storage, 'getItem'>): boolean {
  try {
    return storage.getItem(STORAGE_KEY) === 'true';
  } catch {
    return false; // storage refused: the cue stays on, the safer default
  }
}

export function saveSoundMuted(storage: Pick<Storage, 'setItem'>, muted: boolean): void {
  try {
    storage.setItem(STORAGE_KEY, String(muted));
  } catch {
    // the choice lasts as long as the page
  }
}
