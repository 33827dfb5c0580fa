/** Serves the built renderer on 127.0.0.1 (port 0) with the same CSP header as the Electron shell. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentTypeFor, staticAssetPath } from '../../../electron/static-assets.js';
import { contentSecurityPolicy } from '../../../electron/window-policy.js';

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const host = request.headers.host ?? '';
    const file = staticAssetPath(root, `http://${host}${request.url ?? '/'}`, host);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': contentTypeFor(file), 'content-security-policy': contentSecurityPolicy() });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
