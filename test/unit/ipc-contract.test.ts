import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBridge, createEventHub } from '../../src/ipc/bridge.js';
import type { ContractShape } from '../../src/ipc/channel-types.js';
import { IpcCallError, ipcErrorCodeOf, IpcRefusal, refusalOf } from '../../src/ipc/wire.js';
import { contract } from '../../src/ipc/contract.js';
import { createDispatcher } from '../../src/ipc/dispatcher.js';
import { validate } from '../../src/imei/validate.js';
import { renderMessage } from '../../src/messages/index.js';

const info = { name: 'IMEI Kiosk', version: '9.9.9', mode: 'training' } as const;

// The real channel specs of two namespaces, with handlers written here: these tests are about the
// dispatcher and the bridge, not the engine (test/integration/kiosk-host.test.ts covers that).
const testContract = {
  imei: { validate: contract.imei.validate },
  app: { info: contract.app.info },
} satisfies ContractShape;

function engineHandlers() {
  return {
    imei: {
      validate: ({ raw }: { raw: string }) => {
        const r = validate(raw);
        return r.ok
          ? { ok: true as const, imei: r.imei, tac: r.tac, serial: r.serial, checkDigit: r.checkDigit, raw: r.raw }
          : {
              ok: false as const,
              error: { ...r.error, offending: r.error.offending?.map((o) => ({ ...o })) },
              raw: r.raw,
            };
      },
    },
    app: { info: () => ({ ...info }) },
  };
}

function realDispatcher() {
  return createDispatcher(testContract, engineHandlers());
}

describe('createDispatcher', () => {
  it('lists one channel per contract entry', () => {
    expect([...realDispatcher().channels].sort()).toEqual(['app.info', 'imei.validate']);
  });

  it('answers a valid request with the handler result', async () => {
    const answer = await realDispatcher().dispatch('imei.validate', { raw: '490154203237518' });
    expect(answer).toMatchObject({ ok: true, value: { ok: true, imei: '490154203237518', tac: '49015420' } });
  });

  it('answers unknown channels with a typed error, including prototype names', async () => {
    const d = realDispatcher();
    for (const name of ['imei.nope', 'nope', '__proto__.toString', 'imei.constructor']) {
      const answer = await d.dispatch(name, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel', channel: name } });
    }
  });

  it('rejects an invalid request before the handler runs, naming the field', async () => {
    let called = false;
    const d = createDispatcher(testContract, {
      ...engineHandlers(),
      imei: {
        validate: () => {
          called = true;
          throw new Error('should not run');
        },
      },
    });
    const answer = await d.dispatch('imei.validate', { raw: 42 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request', paths: ['raw'] } });
    expect(called).toBe(false);
    expect(await d.dispatch('imei.validate', { raw: 'x', extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('refuses to send a response outside the contract', async () => {
    const d = createDispatcher(testContract, {
      ...engineHandlers(),
      app: { info: () => ({ name: 'x', version: '1', mode: 'debug' as unknown as 'training' }) },
    });
    expect(await d.dispatch('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_response', paths: ['mode'] },
    });
  });

  it('hides handler exceptions behind a generic message and reports them to the host', async () => {
    const seen: unknown[] = [];
    const d = createDispatcher(
      testContract,
      {
        ...engineHandlers(),
        app: {
          info: () => {
            throw new Error('secret internals token=abcd');
          },
        },
      },
      { onHandlerError: (_c, e) => seen.push(e) },
    );
    const answer = await d.dispatch('app.info', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
    expect(JSON.stringify(answer)).not.toContain('secret');
    expect(seen).toHaveLength(1);
  });
});

describe('createBridge', () => {
  it('round-trips through the real dispatcher', async () => {
    const d = realDispatcher();
    const kiosk = createBridge(testContract, (channel, payload) => d.dispatch(channel, payload));
    const result = await kiosk.imei.validate({ raw: '490154203237517' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.expectedCheckDigit).toBe('8');
    expect(await kiosk.app.info({})).toEqual(info);
  });

  it('exposes only the contract: no generic invoke', () => {
    const kiosk = createBridge(contract, async () => ({ ok: true, value: null }));
    expect(Object.keys(kiosk).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(kiosk.imei)).toEqual(['validate']);
    expect('invoke' in kiosk).toBe(false);
    expect(Object.isFrozen(kiosk)).toBe(true);
  });

  it('validates requests before sending them', async () => {
    let sent = 0;
    const kiosk = createBridge(contract, async () => {
      sent++;
      return { ok: true, value: {} };
    });
    await expect(kiosk.imei.validate({ raw: 5 as unknown as string })).rejects.toBeInstanceOf(IpcCallError);
    expect(sent).toBe(0);
  });

  it('rejects answers outside the contract, and carries the error code in the message', async () => {
    const kiosk = createBridge(contract, async () => ({ ok: true, value: { name: 1 } }));
    const error = await kiosk.app.info({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcCallError);
    expect(ipcErrorCodeOf(error)).toBe('invalid_response');
    expect(ipcErrorCodeOf(new Error('invalid_request: imei.validate: bad'))).toBe('invalid_request');
    expect(ipcErrorCodeOf(new Error('something else'))).toBeUndefined();
  });

  it('turns an error envelope into a rejection', async () => {
    const custom = {
      echo: { say: { request: z.object({ text: z.string() }), response: z.string(), access: 'anyone' } },
    } satisfies ContractShape;
    const d = createDispatcher(custom, {
      echo: {
        say: () => {
          throw new Error('boom');
        },
      },
    });
    const bridge = createBridge(custom, (c, p) => d.dispatch(c, p));
    await expect(bridge.echo.say({ text: 'hi' })).rejects.toThrow(/^handler_failed: echo.say/);
  });
});

describe('a refusal across the wire', () => {
  const custom = {
    echo: { say: { request: z.object({ text: z.string() }), response: z.string(), access: 'anyone' } },
  } satisfies ContractShape;
  function refusingBridge(refusal: IpcRefusal) {
    const d = createDispatcher(custom, {
      echo: {
        say: () => {
          throw refusal;
        },
      },
    });
    return { dispatcher: d, bridge: createBridge(custom, (c, p) => d.dispatch(c, p)) };
  }
  /** What Electron's contextBridge hands the renderer: a plain Error with only the message. */
  const throughContextBridge = (error: unknown) => new Error((error as Error).message);

  it('keeps its code and params, and the English words as the fallback text', async () => {
    const { dispatcher, bridge } = refusingBridge(
      IpcRefusal.of('unknown_device_type', { deviceType: 'toaster & co]: x', n: 3 }),
    );
    expect(await dispatcher.dispatch('echo.say', { text: 'hi' })).toEqual({
      ok: false,
      error: {
        code: 'refused',
        channel: 'echo.say',
        message: '"toaster & co]: x" is not a device type of this kiosk. Pick one of the device type buttons.',
        refusal: { code: 'unknown_device_type', params: { deviceType: 'toaster & co]: x', n: 3 } },
      },
    });
    const error = throughContextBridge(await bridge.echo.say({ text: 'hi' }).catch((e: unknown) => e));
    expect(ipcErrorCodeOf(error)).toBe('refused');
    expect(refusalOf(error)).toEqual({
      code: 'unknown_device_type',
      // Numbers come back as text: they are only ever shown.
      params: { deviceType: 'toaster & co]: x', n: '3' },
      text: '"toaster & co]: x" is not a device type of this kiosk. Pick one of the device type buttons.',
    });
  });

  it('reads a refusal without params, and nothing from other errors', async () => {
    const { bridge } = refusingBridge(IpcRefusal.of('not_signed_in', {}));
    const error = throughContextBridge(await bridge.echo.say({ text: 'hi' }).catch((e: unknown) => e));
    expect(error.message).toBe(
      'refused: echo.say: [not_signed_in] Nobody is signed in at this station. Sign in with your operator ID first.',
    );
    expect(refusalOf(error)).toEqual({
      code: 'not_signed_in',
      params: {},
      text: 'Nobody is signed in at this station. Sign in with your operator ID first.',
    });
    expect(
      refusalOf(new Error('handler_failed: echo.say: The engine could not complete this request.')),
    ).toBeUndefined();
    // An older engine's refusal carries no code: the screen shows its words as they are.
    expect(refusalOf(new Error('refused: echo.say: Wrong admin PIN.'))).toBeUndefined();
  });
});

describe('IpcRefusal.of', () => {
  it('words a refusal by the catalogue, in English, and keeps its values for other languages', () => {
    const refusal = IpcRefusal.of('job_not_cancellable', { state: 'verified' });
    expect(refusal).toMatchObject({
      code: 'job_not_cancellable',
      params: { state: 'verified' },
      nextAction: renderMessage('en', 'job_not_cancellable', { state: 'verified' })?.nextAction,
    });
    expect(refusal.message).toBe('This job is in the state “Connected and verified” and cannot be cancelled.');
    // No values: none travel.
    expect(IpcRefusal.of('no_batch_open', {}).params).toBeUndefined();
  });
});

describe('a dispatcher without a guard', () => {
  const guarded = {
    open: { say: { request: z.object({}), response: z.string(), access: 'anyone' } },
    desk: {
      list: { request: z.object({}), response: z.string(), access: 'operator' },
      undo: { request: z.object({ supervisorPin: z.string() }), response: z.string(), access: 'supervisor' },
      setup: { request: z.object({ adminPin: z.string() }), response: z.string(), access: 'admin' },
    },
  } satisfies ContractShape;
  const ran: string[] = [];
  const answer = (name: string) => () => {
    ran.push(name);
    return name;
  };
  const d = createDispatcher(guarded, {
    open: { say: answer('open.say') },
    desk: { list: answer('desk.list'), undo: answer('desk.undo'), setup: answer('desk.setup') },
  });

  it('answers a channel anyone may call', async () => {
    expect(await d.dispatch('open.say', {})).toEqual({ ok: true, value: 'open.say' });
  });

  it('fails closed with its own refusal, not "not signed in" (signing in would not help), and runs no handler', async () => {
    ran.length = 0;
    const words = renderMessage('en', 'access_unchecked')!;
    for (const [channel, request] of [
      ['desk.list', {}],
      ['desk.undo', { supervisorPin: '5678' }],
      ['desk.setup', { adminPin: '1234' }],
    ] as const) {
      expect(await d.dispatch(channel, request), channel).toEqual({
        ok: false,
        error: {
          code: 'refused',
          channel,
          message: `${words.message} ${words.nextAction}`,
          refusal: { code: 'access_unchecked' },
        },
      });
    }
    expect(ran).toEqual([]);
    expect(renderMessage('es', 'access_unchecked')?.message).not.toBe(words.message);
  });
});

describe('the contract itself', () => {
  it('never lets the renderer patch what only the engine decides (mode, stored token, PIN state)', () => {
    const patch = contract.settings.update.request;
    for (const key of ['mode', 'hasToken', 'defaultPins', 'token']) {
      expect(
        patch.safeParse({ adminPin: '1234', patch: { [key]: key === 'defaultPins' ? [] : 'x' } }).success,
        key,
      ).toBe(false);
    }
    expect(patch.safeParse({ adminPin: '1234', patch: { idleMinutes: 5, cameraDeviceId: '' } }).success).toBe(true);
  });

  it('bounds a first-reading wait, and answers it only as confirmed (with the reading), no reading, or stopped', () => {
    const request = contract.reading.wait.request;
    expect(request.safeParse({ jobId: 'j-1', waitSeconds: 300 }).success).toBe(true);
    for (const bad of [
      { jobId: 'j-1', waitSeconds: 0 },
      { jobId: 'j-1', waitSeconds: 901 },
      { jobId: 'j-1', waitSeconds: 1.5 },
      { jobId: '', waitSeconds: 60 },
      { jobId: 'j-1', waitSeconds: 60, uid: 'x' },
    ]) {
      expect(request.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const response = contract.reading.wait.response;
    const reading = {
      readingId: 'r-1',
      takenAt: '2026-12-02T18:00:00Z',
      metrics: [{ type: 'spo2', unit: 'percent', value: 97 }],
    };
    expect(
      response.safeParse({
        status: 'confirmed',
        jobId: 'j-1',
        confirmedAt: '2026-12-02T18:00:05.000Z',
        reading,
        calls: 2,
      }).success,
    ).toBe(true);
    expect(response.safeParse({ status: 'confirmed', jobId: 'j-1', calls: 2 }).success).toBe(false);
    expect(response.safeParse({ status: 'pending', jobId: 'j-1', calls: 2 }).success).toBe(false);
    expect(response.safeParse({ status: 'stopped', jobId: 'j-1', calls: 0 }).success).toBe(true);
  });

  it('has no field that could carry a token back to the renderer', () => {
    const settingsKeys = Object.keys(contract.settings.get.response.shape);
    expect(settingsKeys.filter((key) => /token|secret|password/i.test(key))).toEqual(['hasToken']);
  });
});

describe('createEventHub', () => {
  it('delivers an event to its listeners until they unsubscribe, and to no other event', () => {
    const hub = createEventHub();
    const seen: unknown[] = [];
    const off = hub.subscribe('queue.changed', (p) => seen.push(p));
    hub.subscribe('jobs.changed', () => seen.push('wrong event'));
    hub.emit('queue.changed', 1);
    off();
    hub.emit('queue.changed', 2);
    expect(seen).toEqual([1]);
  });
});
