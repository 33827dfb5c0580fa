/** Exposes the contract's bridge as window.kiosk, and nothing else (no generic invoke). */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createKioskApi } from '../src/ipc/bridge.js';
import { EVENT_CHANNEL_PREFIX } from '../src/ipc/contract.js';

contextBridge.exposeInMainWorld(
  'kiosk',
  createKioskApi(
    (channel, payload) => ipcRenderer.invoke(channel, payload),
    (event, listener) => {
      const channel = `${EVENT_CHANNEL_PREFIX}${event}`;
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => ipcRenderer.off(channel, handler);
    },
  ),
);
