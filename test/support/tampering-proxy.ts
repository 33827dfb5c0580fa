/**
 * A loopback HTTP proxy in front of the simulator that changes chosen requests or answers on their
 * way: for what the simulator cannot answer by itself (another organization's token, a uid it does
 * not know, a source it never lists, readings longer than Validic's).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from './forward-request.js';

/** What a request or Validic's answer becomes on its way (the request still reaches the simulator). */
export interface Tamper {
  /** The request's URL (path and query) as sent on; default unchanged. */
  readonly url?: (url: string, method: string) => string;
  /** The request body as sent on; default unchanged. */
  readonly body?: (body: string, url: string) => string;
  /** The answer's body as returned; default unchanged. */
  readonly answer?: (body: string, url: string, method: string) => string;
  /** Told every request as the client sent it, before any change. */
  readonly seen?: (request: SeenRequest) => void;
}

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface TamperingProxy {
  readonly url: string;
  close(): Promise<void>;
}

/** A loopback proxy in front of `targetBase` that changes chosen requests or answers (see Tamper). */
export async function tamperingProxy(targetBase: string, tamper: Tamper): Promise<TamperingProxy> {
  const target = new URL(targetBase);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const received = Buffer.concat(chunks);
      tamper.seen?.({ method, url, headers: req.headers, body: received.toString() });
      const sent = tamper.body ? Buffer.from(tamper.body(received.toString(), url)) : received;
      void forwardRequest(target, req, sent, tamper.url ? tamper.url(url, method) : url).then((answer) => {
        const text = answer.body.toString();
        const body = tamper.answer ? tamper.answer(text, url, method) : text;
        const { 'content-length': _length, 'transfer-encoding': _encoding, ...rest } = answer.headers;
        res.writeHead(answer.status, { ...rest, 'content-length': Buffer.byteLength(body) }).end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
