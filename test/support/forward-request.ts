/** The forwarding step the test proxies share: a request they received, sent on to the simulator. */
import http from 'node:http';

export interface ForwardedAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Sends `req` on to `target` with `body` (and another path if given), and reads the whole answer. */
export function forwardRequest(
  target: URL,
  req: http.IncomingMessage,
  body: Buffer,
  path: string | undefined = req.url,
): Promise<ForwardedAnswer> {
  const { 'transfer-encoding': _encoding, ...headers } = req.headers;
  return new Promise((resolve, reject) => {
    const out = http.request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: req.method,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(parts) }),
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}
