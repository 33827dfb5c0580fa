/**
 * createBridge: the renderer's end of the contract, built from the contract alone. Each method
 * validates its request before sending and the response after receiving, so neither side trusts
 * the other. Used by electron/preload.ts for window.kiosk and by the e2e harness.
 */
import './zod-jitless.js';
import {
  IpcCallError,
  IpcEnvelopeSchema,
  type Bridge,
  type ContractShape,
} from './contract.js';

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
          throw new IpcCallError({ code: 'invalid_request', channel, message: parsedRequest.error.issues[0]?.message ?? 'invalid request' });
        }
        const envelope = IpcEnvelopeSchema.safeParse(await invoke(channel, parsedRequest.data));
        if (!envelope.success) {
          throw new IpcCallError({ code: 'invalid_response', channel, message: 'The answer was not an IPC envelope.' });
        }
        if (!envelope.data.ok) throw new IpcCallError(envelope.data.error);
        const response = spec.response.safeParse(envelope.data.value);
        if (!response.success) {
          throw new IpcCallError({ code: 'invalid_response', channel, message: 'The answer does not match the contract.' });
        }
        return response.data;
      };
    }
    bridge[ns] = Object.freeze(group);
  }
  return Object.freeze(bridge) as unknown as Bridge<C>;
}
