/**
 * Runs in the page before the renderer: builds window.kiosk with the real createKioskApi, over a
 * function Playwright exposes (window.__kioskInvoke) that calls the real dispatcher in Node, and an
 * emitter (window.__kioskEmit) the harness calls to push engine events.
 * This stands in for electron/preload.ts + ipcRenderer, which need the Electron binary.
 */
import { createEventHub, createKioskApi } from '../../../src/ipc/bridge';

type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
const page = window as unknown as { __kioskInvoke?: Invoke; __kioskEmit?: (event: string, payload: unknown) => void };

// Without the exposed function, calls go over same-origin HTTP (the bench's transport: Playwright's
// binding keeps a few KB per call in the page, which would swamp a renderer memory figure).
const overHttp: Invoke = async (channel, payload) => {
  const response = await fetch('/__kiosk/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel, payload }),
  });
  return response.json() as Promise<unknown>;
};
const events = createEventHub();

Object.defineProperty(window, '__kioskEmit', {
  value: events.emit,
  writable: false,
});

// Over HTTP, engine events arrive as server-sent events from the same origin.
if (!page.__kioskInvoke) {
  new EventSource('/__kiosk/events').addEventListener('message', (message: MessageEvent<string>) => {
    const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
    events.emit(event, payload);
  });
}

Object.defineProperty(window, 'kiosk', {
  value: createKioskApi((channel, payload) => (page.__kioskInvoke ?? overHttp)(channel, payload), events.subscribe),
  writable: false,
  configurable: false,
});
