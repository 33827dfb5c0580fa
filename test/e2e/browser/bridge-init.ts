/**
 * Runs in the page before the renderer: builds window.kiosk with the real createBridge, over a
 * function Playwright exposes (window.__kioskInvoke) that calls the real dispatcher in Node.
 * This stands in for electron/preload.ts + ipcRenderer.invoke, which need the Electron binary.
 */
import { createBridge } from '../../../src/ipc/bridge';
import { contract } from '../../../src/ipc/contract';

type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
const invoke = (window as unknown as { __kioskInvoke: Invoke }).__kioskInvoke;

Object.defineProperty(window, 'kiosk', {
  value: createBridge(contract, (channel, payload) => invoke(channel, payload)),
  writable: false,
  configurable: false,
});
