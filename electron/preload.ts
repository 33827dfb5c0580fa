/** Exposes the contract's bridge as window.kiosk, and nothing else (no generic invoke). */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../src/ipc/bridge.js';
import { contract } from '../src/ipc/contract.js';

contextBridge.exposeInMainWorld(
  'kiosk',
  createBridge(contract, (channel, payload) => ipcRenderer.invoke(channel, payload)),
);
