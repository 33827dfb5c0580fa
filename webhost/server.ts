/**
 * The browser host: the kiosk without Electron. It runs the same kiosk host (engine, contract,
 * dispatcher) and serves the built renderer on 127.0.0.1, with window.kiosk carried over HTTP.
 * For newcomers, demos and machines where the Electron binary cannot be downloaded; the kiosk at
 * a station runs in Electron.
 *
 * Only this machine can reach it (127.0.0.1), only through this origin (Host header checked, so a
 * DNS-rebinding page cannot), and only with the session secret the page was served with (a custom
 * header, so another local web page cannot send simple cross-origin requests that reach the engine).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { contentTypeFor, staticAssetPath } from '../electron/static-assets.js';
import { contentSecurityPolicy } from '../electron/window-policy.js';
import type { IpcEnvelope, IpcErrorCode } from '../src/ipc/wire.js';
import type { KioskHost } from '../src/app/kiosk-host.js';

const MAX_BODY_BYTES = 6 * 2 ** 20;

export interface BrowserHostOptions {
  readonly host: KioskHost;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 lets the OS choose. */
  readonly port?: number;
}

export interface BrowserHost {
  readonly url: string;
  close(): Promise<void>;
}

async function bridgeScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'browser-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  });
  return result.outputFiles[0]!.text;
}

function ipcFailure(code: IpcErrorCode, channel: string, message: string): IpcEnvelope {
  return { ok: false, error: { code, channel, message } };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const session = randomBytes(32).toString('hex');
  const bridge = await bridgeScript();
  const eventStreams = new Set<ServerResponse>();
  const csp = contentSecurityPolicy();
  let expectedHost = '';

  const unsubscribe = options.host.onEvent((event, payload) => {
    const line = `data: ${JSON.stringify({ event, payload })}\n\n`;
    eventStreams.forEach((stream) => stream.write(line));
  });

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  /**
   * Every call from the page is answered with an envelope, as Electron's IPC answers: a name or body
   * that cannot be read is the contract's refusal (the bridge reads the answer as JSON), never a 500.
   */
  async function answerIpc(encodedChannel: string, request: IncomingMessage): Promise<IpcEnvelope> {
    let channel: string;
    try {
      channel = decodeURIComponent(encodedChannel);
    } catch {
      return ipcFailure('unknown_channel', encodedChannel, 'The channel name is not valid URL encoding.');
    }
    let payload: unknown;
    try {
      payload = await readBody(request);
    } catch (error) {
      const why =
        error instanceof SyntaxError
          ? 'not JSON'
          : error instanceof RangeError
            ? `over ${MAX_BODY_BYTES} bytes`
            : 'cut short';
      return ipcFailure('invalid_request', channel, `The request body is ${why}.`);
    }
    return options.host.dispatcher.dispatch(channel, payload);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== expectedHost) {
      response.writeHead(403).end('wrong host');
      return;
    }
    const url = new URL(request.url ?? '/', `http://${expectedHost}`);

    if (url.pathname.startsWith('/ipc/')) {
      if (request.method !== 'POST' || !sameSecret(request.headers['x-kiosk-session'] as string | undefined, session)) {
        response.writeHead(403).end();
        return;
      }
      const envelope = await answerIpc(url.pathname.slice('/ipc/'.length), request);
      response
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify(envelope));
      return;
    }

    if (url.pathname === '/events') {
      if (!sameSecret(url.searchParams.get('session') ?? undefined, session)) {
        response.writeHead(403).end();
        return;
      }
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      eventStreams.add(response);
      request.on('close', () => eventStreams.delete(response));
      return;
    }

    if (url.pathname === '/kiosk-bridge.js') {
      response
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': csp })
        .end(bridge);
      return;
    }

    const file = staticAssetPath(options.rendererDir, `http://${expectedHost}${url.pathname}`, expectedHost);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    if (path.basename(file) === 'index.html') {
      // The bridge (a classic script) runs before the renderer's module script, so window.kiosk is there first.
      const html = body
        .toString('utf8')
        .replace(
          '<head>',
          `<head>\n    <meta name="kiosk-session" content="${session}" />\n    <script src="./kiosk-bridge.js"></script>`,
        );
      body = Buffer.from(html);
    }
    response
      .writeHead(200, {
        'content-type': contentTypeFor(file),
        'content-security-policy': csp,
        'cache-control': 'no-store',
      })
      .end(body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  return {
    url: `http://${expectedHost}/`,
    async close() {
      unsubscribe();
      eventStreams.forEach((stream) => stream.end());
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
