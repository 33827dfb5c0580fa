/**
 * The dispatcher answers an envelope even when a schema's own code throws (a refine that assumes
 * its input, as the IMEI's Luhn refine once did): the caller gets a refusal, the host's log the error.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { channel } from '../../src/ipc/channel-types.js';
import { createDispatcher } from '../../src/ipc/dispatcher.js';

const throwing = z.string().refine(() => {
  throw new TypeError('a refine that throws');
});
const testContract = {
  demo: {
    ask: channel('anyone', z.object({ text: throwing }), z.object({ ok: z.boolean() })),
    answer: channel('anyone', z.object({}), z.object({ text: throwing })),
  },
};

describe('createDispatcher with a schema that throws', () => {
  it('refuses the request, reports the error, and never runs the handler', async () => {
    const seen: unknown[] = [];
    let ran = false;
    const d = createDispatcher(
      testContract,
      {
        demo: {
          ask: () => {
            ran = true;
            return { ok: true };
          },
          answer: () => ({ text: 'x' }),
        },
      },
      { onHandlerError: (_channel, error) => seen.push(error) },
    );
    await expect(d.dispatch('demo.ask', { text: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request', channel: 'demo.ask' },
    });
    expect(ran).toBe(false);
    await expect(d.dispatch('demo.answer', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_response', channel: 'demo.answer' },
    });
    expect(seen).toEqual([expect.any(TypeError), expect.any(TypeError)]);
  });
});
