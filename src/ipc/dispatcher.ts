/**
 * createDispatcher: the engine's end of the contract. Validates every request, proves the
 * channel's access through the guard before a handler sees it, validates every response before it
 * leaves, and answers a typed error envelope otherwise.
 * Used by electron/ipc.ts and by the test harness, so tests exercise the same path as the app.
 */
import type { z } from 'zod';
import {
  channelNames,
  channelSpec,
  type Access,
  type Caller,
  type ChannelName,
  type ContractShape,
  type Handlers,
} from './channel-types.js';
import { IpcRefusal, type IpcEnvelope, type IpcErrorCode } from './wire.js';

export interface Dispatcher<C extends ContractShape> {
  readonly channels: readonly ChannelName<C>[];
  dispatch(channel: string, payload: unknown): Promise<IpcEnvelope>;
}

/**
 * Proves a channel's access for this request (a signed-in operator, the PIN it carries) and says who
 * is calling; refuses by throwing an IpcRefusal. The host implements it over its session.
 */
export type AccessGuard = (access: Access, request: unknown, channel: string) => Promise<Caller> | Caller;

export interface DispatcherOptions {
  /** Without a guard only `anyone` channels answer: a dispatcher fails closed. */
  guard?: AccessGuard;
  /** Called with a handler's exception; the caller gets only a generic message (no internals cross). */
  onHandlerError?: (channel: string, error: unknown) => void;
}

function issuePaths(error: z.ZodError): string[] {
  return error.issues.map((issue) => issue.path.map(String).join('.') || '(root)');
}

function failure(code: IpcErrorCode, channel: string, message: string, paths?: string[]): IpcEnvelope {
  return { ok: false, error: { code, channel, message, ...(paths ? { paths } : {}) } };
}

/** The English text (message and next action) for logs and old renderers, plus the code to translate. */
function refused(channel: string, refusal: IpcRefusal): IpcEnvelope {
  const message = refusal.nextAction ? `${refusal.message} ${refusal.nextAction}` : refusal.message;
  return {
    ok: false,
    error: {
      code: 'refused',
      channel,
      message,
      refusal: { code: refusal.code, ...(refusal.params ? { params: { ...refusal.params } } : {}) },
    },
  };
}

export function createDispatcher<C extends ContractShape>(
  contract: C,
  handlers: Handlers<C>,
  options: DispatcherOptions = {},
): Dispatcher<C> {
  const table = handlers as unknown as Record<string, Record<string, (req: unknown, caller: Caller) => unknown>>;
  const guardOrRefuse: AccessGuard = (access, request, channel) => {
    if (options.guard) return options.guard(access, request, channel);
    if (access === 'anyone') return {};
    // Not "not signed in": signing in would not help, the host was built without its guard.
    throw IpcRefusal.of('access_unchecked', {});
  };
  /** safeParse, or undefined when a schema's own code threw (a bug, reported like a handler's): never an exception out. */
  const safeParse = (schema: z.ZodType, value: unknown, channel: string) => {
    try {
      return schema.safeParse(value);
    } catch (error) {
      options.onHandlerError?.(channel, error);
      return undefined;
    }
  };
  return {
    channels: channelNames(contract),
    async dispatch(channel, payload) {
      const spec = channelSpec(contract, channel);
      const [ns = '', method = ''] = channel.split(/\.(.*)/s);
      const handler = table[ns]?.[method];
      if (!spec || typeof handler !== 'function') {
        return failure('unknown_channel', channel, `No such channel: ${channel}`);
      }
      const request = safeParse(spec.request, payload, channel);
      if (!request) return failure('invalid_request', channel, 'The request could not be checked.');
      if (!request.success) {
        return failure(
          'invalid_request',
          channel,
          'The request does not match the contract.',
          issuePaths(request.error),
        );
      }
      let result: unknown;
      try {
        const caller = await guardOrRefuse(spec.access, request.data, channel);
        result = await handler(request.data, caller);
      } catch (error) {
        if (error instanceof IpcRefusal) return refused(channel, error);
        options.onHandlerError?.(channel, error);
        return failure('handler_failed', channel, 'The engine could not complete this request.');
      }
      const response = safeParse(spec.response, result, channel);
      if (!response) return failure('invalid_response', channel, 'The answer could not be checked.');
      if (!response.success) {
        return failure(
          'invalid_response',
          channel,
          'The engine answered outside the contract.',
          issuePaths(response.error),
        );
      }
      return { ok: true, value: response.data };
    },
  };
}
