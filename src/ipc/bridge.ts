/**
 * createBridge: the renderer's end of the contract, built from the contract alone. Each method
 * validates its request before sending and the response after receiving, so neither side trusts
 * the other. Used by electron/preload.ts for window.kiosk and by the e2e harness.
 */
import './zod-jitless.js';
import type { Bridge, ContractShape, EventsShape, EventSubscriber } from './channel-types.js';
import { IpcCallError, IpcEnvelopeSchema } from './wire.js';
import { contract, contractEvents, type KioskApi } from './contract.js';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

export function createBridge<C extends ContractShape>(contract: C, invoke: Invoke): Bridge<C> {
  const bridge: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const [ns, methods] of Object.entries(contract)) {
    const group: Record<string, (request: unknown) => Promise<unknown>> = {};
    for (const [method, spec] of Object.entries(methods)) {
      const channel = `${ns}.${method}`;
      group[method] = async (request: unknown) => {
        const parsedRequest = spec.request.safeParse(request);
        if (!parsedRequest.success) {
          throw new IpcCallError({
            code: 'invalid_request',
            channel,
            message: parsedRequest.error.issues[0]?.message ?? 'invalid request',
          });
        }
        const envelope = IpcEnvelopeSchema.safeParse(await invoke(channel, parsedRequest.data));
        if (!envelope.success) {
          throw new IpcCallError({ code: 'invalid_response', channel, message: 'The answer was not an IPC envelope.' });
        }
        if (!envelope.data.ok) throw new IpcCallError(envelope.data.error);
        const response = spec.response.safeParse(envelope.data.value);
        if (!response.success) {
          throw new IpcCallError({
            code: 'invalid_response',
            channel,
            message: 'The answer does not match the contract.',
          });
        }
        return response.data;
      };
    }
    bridge[ns] = Object.freeze(group);
  }
  return Object.freeze(bridge) as unknown as Bridge<C>;
}

export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * `on(event, listener)` for the contract's pushed events. Each payload is validated against its
 * schema before the listener sees it; an invalid one is dropped and reported to `onInvalid`.
 */
export function createEventSubscriber<E extends EventsShape>(
  events: E,
  subscribe: Subscribe,
  onInvalid: (event: string) => void = () => {},
): EventSubscriber<E> {
  return Object.freeze({
    on(event, listener) {
      const schema = Object.hasOwn(events, event) ? events[event] : undefined;
      if (!schema)
        throw new IpcCallError({ code: 'unknown_channel', channel: event, message: `No such event: ${event}` });
      return subscribe(event, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as Parameters<typeof listener>[0]);
        else onInvalid(event);
      });
    },
  } as EventSubscriber<E>);
}

/** window.kiosk: every channel of the contract and `on` for its events; nothing else. */
export function createKioskApi(invoke: Invoke, subscribe: Subscribe): KioskApi {
  return Object.freeze({ ...createBridge(contract, invoke), ...createEventSubscriber(contractEvents, subscribe) });
}

/**
 * For transports that deliver events themselves (HTTP + SSE, the test harness): a local registry
 * whose `subscribe` feeds createKioskApi and whose `emit` the transport calls with each event.
 */
export function createEventHub(): { subscribe: Subscribe; emit(event: string, payload: unknown): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(event, payload) {
      listeners.get(event)?.forEach((listener) => listener(payload));
    },
  };
}
