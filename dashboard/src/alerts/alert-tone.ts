/**
 * The high-priority cue, generated with WebAudio (no audio files): three short pulses, after the pattern of
 * IEC 60601-1-8's high-priority burst but shorter, so it draws attention without imitating a bedside alarm.
 */
const PULSE_HZ = 880;
const PULSE_S = 0.12;
const GAP_S = 0.08;
const PULSES = 3;
/** peak gain: clearly audible, well below clipping */
const PEAK_GAIN = 0.25;
/** attack and release, so the pulses do not click */
const RAMP_S = 0.01;

/** Plays the cue on `context`; does nothing while the context is not running (no user gesture yet). */
export function playAlertTone(context: AudioContext): void {
  if (context.state !== 'running') return;
  const start = context.currentTime + 0.02;
  for (let i = 0; i < PULSES; i++) {
    const at = start + i * (PULSE_S + GAP_S);
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = PULSE_HZ;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(PEAK_GAIN, at + RAMP_S);
    gain.gain.setValueAtTime(PEAK_GAIN, at + PULSE_S - RAMP_S);
    gain.gain.linearRampToValueAtTime(0, at + PULSE_S);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + PULSE_S);
  }
}
