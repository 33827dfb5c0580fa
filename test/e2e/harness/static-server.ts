/** Serves the built renderer on 127.0.0.1 (port 0) with the same CSP header as the Electron shell. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentTypeFor, staticAssetPath } from '../../../electron/static-assets.js';
import { contentSecurityPolicy } from '../../../electron/window-policy.js';

export interface StaticServer {
  readonly url: string;
  /** Pushes an event to every page listening on GET /__kiosk/events (server-sent events). */
  push(event: string, payload: unknown): void;
  close(): Promise<void>;
}

/** Same-origin JSON endpoint, POST /__kiosk/invoke {channel, payload} → the dispatcher's envelope. */
export type InvokeHandler = (channel: string, payload: unknown) => Promise<unknown>;
export const INVOKE_PATH = '/__kiosk/invoke';
export const EVENTS_PATH = '/__kiosk/events';

export async function serveStatic(root: string, invoke?: InvokeHandler): Promise<StaticServer> {
  const listeners = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    if (invoke && request.method === 'GET' && request.url === EVENTS_PATH) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': open\n\n');
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    if (invoke && request.method === 'POST' && request.url === INVOKE_PATH) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const { channel, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          channel: string;
          payload: unknown;
        };
        invoke(channel, payload).then(
          (answer) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)),
          () => response.writeHead(500).end(),
        );
      });
      return;
    }
    const host = request.headers.host ?? '';
    const file = staticAssetPath(root, `http://${host}${request.url ?? '/'}`, host);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': contentTypeFor(file),
          'content-security-policy': contentSecurityPolicy(),
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    push(event, payload) {
      const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
      listeners.forEach((listener) => listener.write(frame));
    },
    close: () => {
      listeners.forEach((listener) => listener.end());
      return new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
