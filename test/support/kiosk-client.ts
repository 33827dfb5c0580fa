/**
 * A typed client of a kiosk host for tests: the renderer's own bridge (createBridge over the
 * contract), answered in-process by the host's dispatcher. Requests and answers are checked against
 * the contract exactly as window.kiosk checks them, so a test cannot send what the screen could not.
 */
import type { KioskHost } from '../../src/app/kiosk-host.js';
import { createBridge } from '../../src/ipc/bridge.js';
import type { Bridge } from '../../src/ipc/channel-types.js';
import { contract, type KioskContract } from '../../src/ipc/contract.js';
import { IpcCallError, refusalOf, type IpcErrorCode, type RefusalInfo } from '../../src/ipc/wire.js';

export type KioskClient = Bridge<KioskContract>;

export function kioskClient(host: KioskHost): KioskClient {
  return createBridge(contract, (channel, payload) => host.dispatcher.dispatch(channel, payload));
}

/** Why a call failed: its error code, its message and, for a refusal, the refusal's code, params and English text. */
export interface CallFailure {
  readonly code: IpcErrorCode;
  /** The error's own words (a refusal's text, or why the request or answer broke the contract). */
  readonly message: string;
  readonly refusal: RefusalInfo | undefined;
}

function failureFrom(error: IpcCallError): CallFailure {
  const refusal = refusalOf(error);
  const prefix = `${error.code}: ${error.channel}: `;
  const message =
    refusal?.text ?? (error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message);
  return { code: error.code, message, refusal };
}

/** How a call ended, for a call that may answer or be refused (two calls racing for one order). */
export type Settled<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: CallFailure };

export async function settle<T>(call: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (!(error instanceof IpcCallError)) throw error;
    return { ok: false, failure: failureFrom(error) };
  }
}

/** The failure of a call that must fail; a call that answers fails the test with what it answered. */
export async function failureOf(call: Promise<unknown>): Promise<CallFailure> {
  const settled = await settle(call);
  if (settled.ok) throw new Error(`expected the call to be refused, but it answered ${JSON.stringify(settled.value)}`);
  return settled.failure;
}
