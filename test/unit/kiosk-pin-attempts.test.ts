import { describe, expect, it } from 'vitest';
import { createPinAttempts } from '../../src/app/session/pin-attempts.js';

describe('PIN attempts', () => {
  it('locks after five wrong PINs, for a minute, then lets checks run again', () => {
    let now = 1_000_000;
    const attempts = createPinAttempts({ clock: () => now });
    for (let i = 0; i < 4; i++) attempts.recordWrong();
    expect(attempts.state()).toEqual({ locked: false });
    attempts.recordWrong();
    expect(attempts.state()).toEqual({ locked: true, seconds: 60 });
    now += 59_001;
    expect(attempts.state()).toEqual({ locked: true, seconds: 1 });
    now += 1_000;
    expect(attempts.state()).toEqual({ locked: false });
    // A fresh run of wrong PINs is needed to lock again.
    attempts.recordWrong();
    expect(attempts.state()).toEqual({ locked: false });
  });

  it('counts wrong PINs within the window only (a right PIN in between clears nothing)', () => {
    let now = 0;
    const attempts = createPinAttempts({ maxWrong: 3, windowMs: 10_000, clock: () => now });
    attempts.recordWrong();
    now = 6_000;
    attempts.recordWrong();
    now = 11_000; // the first is now older than the window
    attempts.recordWrong();
    expect(attempts.state()).toEqual({ locked: false });
    now = 12_000;
    attempts.recordWrong();
    expect(attempts.state()).toMatchObject({ locked: true });
  });
});
