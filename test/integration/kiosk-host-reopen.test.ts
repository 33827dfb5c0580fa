/**
 * A settings change that reopens the engine (the station name, a base URL, the credentials) closes
 * the engine of now before the next one is open. A call arriving in between waits for the new
 * engine instead of meeting a closed journal (CI once saw `handler_failed`: "the ledger is closed").
 * The gap is held open by a credential store whose next read, the new engine's first step, waits
 * until the test lets it go: no timing involved.
 */
import { afterEach, expect, it } from 'vitest';
import { createMemoryCredentialStore, type CredentialStore } from '../../src/app/session/credential-store.js';
import { configChangeKeys } from '../support/ledger-records.js';
import { kioskClient } from '../support/kiosk-client.js';
import { openThrowawayHost, type ThrowawayHost } from '../support/throwaway-host.js';

let opened: ThrowawayHost | undefined;
afterEach(() => opened?.close());

interface Gap {
  /** Resolves when the next read has begun (the engine of now is closed by then). */
  readonly reached: Promise<void>;
  release(): void;
}

/** A memory credential store whose next read, once armed, waits for release(). */
function gatedStore(): { store: CredentialStore; arm(): Gap } {
  const inner = createMemoryCredentialStore();
  let armed: { reach(): void; opened: Promise<void> } | undefined;
  return {
    store: {
      ...inner,
      async read() {
        const gate = armed;
        armed = undefined;
        if (gate) {
          gate.reach();
          await gate.opened;
        }
        return inner.read();
      },
    },
    arm() {
      let reach!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (reach = resolve));
      armed = { reach, opened: new Promise<void>((resolve) => (release = resolve)) };
      return { reached, release };
    },
  };
}

it('a call made while the engine reopens waits for the new engine, and is journaled there', async () => {
  const gated = gatedStore();
  opened = await openThrowawayHost({ credentials: gated.store });
  const kiosk = kioskClient(opened.host);
  await kiosk.session.signIn({ operatorId: 'op-1' });
  const gap = gated.arm();
  const saving = kiosk.settings.update({ adminPin: '1234', patch: { station: 'Desk B' } });
  await gap.reached;
  const changing = kiosk.settings.changePin({ adminPin: '1234', role: 'supervisor', newPin: '2468' });
  gap.release();
  const [saved, changed] = await Promise.all([saving, changing]);
  expect(saved).toMatchObject({ station: 'Desk B' });
  expect(changed).toMatchObject({ station: 'Desk B', defaultPins: ['admin'] });
  expect(await configChangeKeys(opened.dataDir)).toEqual(['station', 'kiosk.supervisorPin']);
});
