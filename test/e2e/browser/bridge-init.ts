/**
 * Runs in the page before the renderer: builds window.kiosk with the real createKioskApi, over a
 * function Playwright exposes (window.__kioskInvoke) that calls the real dispatcher in Node, and an
 * emitter (window.__kioskEmit) the harness calls to push engine events.
 * This stands in for electron/preload.ts + ipcRenderer, which need the Electron binary.
 */
import { createKioskApi } from '../../../src/ipc/bridge';

type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
type Listener = (payload: unknown) => void;
const page = window as unknown as { __kioskInvoke: Invoke; __kioskEmit?: (event: string, payload: unknown) => void };
const listeners = new Map<string, Set<Listener>>();

Object.defineProperty(window, '__kioskEmit', {
  value: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
  writable: false,
});

Object.defineProperty(window, 'kiosk', {
  value: createKioskApi(
    (channel, payload) => page.__kioskInvoke(channel, payload),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  ),
  writable: false,
  configurable: false,
});
