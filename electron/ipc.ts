/**
 * Wires the contract's dispatcher into Electron's ipcMain: one handler per channel, and nothing
 * for any other channel. Typed against a minimal ipcMain-like interface so it is unit-testable.
 */
import type { ContractShape } from '../src/ipc/channel-types.js';
import type { Dispatcher } from '../src/ipc/dispatcher.js';
import type { IpcEnvelope } from '../src/ipc/wire.js';

export interface IpcSenderInfo {
  /** URL of the frame that sent the message (event.senderFrame?.url). */
  readonly senderUrl: string | undefined;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderInfo, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function registerContractHandlers<C extends ContractShape>(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher<C>,
  isTrustedSender: (senderUrl: string | undefined) => boolean,
): () => void {
  for (const channel of dispatcher.channels) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event.senderUrl)) {
        // Its own code, not unknown_channel: the channel exists, the caller is who may not use it.
        const refused: IpcEnvelope = {
          ok: false,
          error: { code: 'untrusted_sender', channel, message: 'Untrusted sender.' },
        };
        return refused;
      }
      return dispatcher.dispatch(channel, payload);
    });
  }
  return () => dispatcher.channels.forEach((channel) => ipcMain.removeHandler(channel));
}
