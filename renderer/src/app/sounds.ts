/**
 * Success and error tones, made with WebAudio so no sound file has to ship or load: a rising
 * double beep for CONNECTED, a low long tone for anything that needs a person.
 */
let context: AudioContext | undefined;

function tone(frequency: number, startAt: number, duration: number): void {
  context ??= new AudioContext();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = frequency;
  oscillator.type = 'sine';
  gain.gain.setValueAtTime(0.25, context.currentTime + startAt);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + startAt + duration);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(context.currentTime + startAt);
  oscillator.stop(context.currentTime + startAt + duration);
}

export function playSound(kind: 'success' | 'warning' | 'error', enabled: boolean): void {
  if (!enabled || typeof AudioContext === 'undefined') return;
  try {
    if (kind === 'success') {
      tone(880, 0, 0.12);
      tone(1320, 0.14, 0.16);
    } else if (kind === 'warning') {
      tone(660, 0, 0.25);
    } else {
      tone(220, 0, 0.6);
    }
  } catch {
    // No audio device: the screen still says everything.
  }
}
