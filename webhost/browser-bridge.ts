/**
 * window.kiosk for the browser host: the same createKioskApi as the Electron preload, carried over
 * HTTP to 127.0.0.1 (POST /ipc/<channel>) and Server-Sent Events (GET /events) instead of Electron
 * IPC. Loaded as a classic script before the renderer's module, so window.kiosk exists first.
 */
import { createEventHub, createKioskApi } from '../src/ipc/bridge';

const session = document.querySelector<HTMLMetaElement>('meta[name="kiosk-session"]')?.content ?? '';
const hub = createEventHub();
let source: EventSource | undefined;

function connectEvents(): EventSource {
  const events = new EventSource(`./events?session=${encodeURIComponent(session)}`);
  events.onmessage = (message: MessageEvent<string>) => {
    const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
    hub.emit(event, payload);
  };
  return events;
}

Object.defineProperty(window, 'kiosk', {
  value: createKioskApi(
    async (channel, payload) => {
      const response = await fetch(`./ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-session': session },
        body: JSON.stringify(payload ?? null),
      });
      return response.json();
    },
    (event, listener) => {
      source ??= connectEvents();
      return hub.subscribe(event, listener);
    },
  ),
  writable: false,
  configurable: false,
});
