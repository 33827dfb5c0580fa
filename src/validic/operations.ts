/**
 * The client's operations: which change Validic's state (never re-sent blindly), which go to the
 * direct host with the patient's marketplace token, how each reads in a message, and one call's
 * description (method, URL, body, the schema its answer must fit).
 */
import type { z } from 'zod';
import type { CallPurpose } from './budget.js';

export type Operation = 'provision' | 'get_user' | 'connect' | 'disconnect' | 'disconnect_all' | 'get_readings';

/** Calls that change Validic's state and may not be repeated blindly (no idempotency key is published). */
export const STATE_CHANGING: ReadonlySet<Operation> = new Set(['connect', 'disconnect', 'disconnect_all']);
/** Calls made with the patient's marketplace token on the direct host. */
export const DIRECT: ReadonlySet<Operation> = new Set(['connect', 'disconnect', 'disconnect_all']);

export const operationWords: Record<Operation, string> = {
  provision: 'provisioning the user',
  get_user: 'reading the user',
  connect: 'connecting the device',
  disconnect: 'disconnecting the device',
  disconnect_all: 'disconnecting all devices',
  get_readings: "reading the patient's readings",
};

export interface CallSpec<S extends z.ZodType> {
  readonly op: Operation;
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly body?: unknown;
  readonly schema: S;
  readonly expect: readonly number[];
  readonly purpose?: CallPurpose;
}
