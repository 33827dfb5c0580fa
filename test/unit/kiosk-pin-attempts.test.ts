import { describe, expect, it } from 'vitest';
import { createPinAttempts } from '../../src/kiosk/pin-attempts.js';

describe('PIN attempts', () => {
  it('locks after five wrong PINs in a row, for a minute, then lets checks run again', () => {
    let now = 1_000_000;
    const attempts = createPinAttempts({ clock: () => now });
    for (let i = 0; i < 4; i++) attempts.record(false);
    expect(attempts.state()).toEqual({ locked: false });
    attempts.record(false);
    expect(attempts.state()).toEqual({ locked: true, seconds: 60 });
    now += 59_001;
    expect(attempts.state()).toEqual({ locked: true, seconds: 1 });
    now += 1_000;
    expect(attempts.state()).toEqual({ locked: false });
    // A fresh run of wrong PINs is needed to lock again.
    attempts.record(false);
    expect(attempts.state()).toEqual({ locked: false });
  });

  it('forgets wrong PINs once a right one is typed', () => {
    const attempts = createPinAttempts({ maxWrong: 3, clock: () => 0 });
    attempts.record(false);
    attempts.record(false);
    attempts.record(true);
    attempts.record(false);
    attempts.record(false);
    expect(attempts.state()).toEqual({ locked: false });
    attempts.record(false);
    expect(attempts.state()).toMatchObject({ locked: true });
  });
});
