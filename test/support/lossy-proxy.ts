/**
 * A loopback HTTP proxy in front of the simulator that loses the answers to chosen requests: the
 * client's socket is destroyed (the client sees a reset) after forwarding the request (it landed)
 * or instead of forwarding it (it never did). Everything else passes through unchanged.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from './forward-request.js';

export interface LoseAnswers {
  /** Which requests lose their answer (path with query, and the request body). */
  readonly matches: (url: string, body: string) => boolean;
  /** Forward the request before losing its answer (the action is applied), or drop it unsent. */
  readonly forward: boolean;
  /** How many matching answers to lose; then they pass through (default: every one). */
  readonly times?: number;
  /** Runs before each lost answer (e.g. something else changes at Validic meanwhile). */
  readonly before?: () => Promise<void>;
}

export interface LossyProxy {
  readonly url: string;
  /** Answers lost so far. */
  lost(): number;
  close(): Promise<void>;
}

export async function lossyProxy(targetBase: string, lose: LoseAnswers): Promise<LossyProxy> {
  let lost = 0;
  const target = new URL(targetBase);
  const forward = async (req: http.IncomingMessage, body: Buffer, res?: http.ServerResponse) => {
    const answer = await forwardRequest(target, req, body);
    res?.writeHead(answer.status, answer.headers).end(answer.body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const losing = lose.matches(req.url ?? '', body.toString()) && (lose.times === undefined || lost < lose.times);
      if (!losing) {
        void forward(req, body, res);
        return;
      }
      lost++;
      void (async () => {
        await lose.before?.();
        if (lose.forward) await forward(req, body);
        req.socket.destroy();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lost: () => lost,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Matches the connects of one IMEI (the device_id in the request body). */
export function connectsOf(imei: string): LoseAnswers['matches'] {
  return (url, body) => url.includes('/smart_meter/connect') && body.includes(imei);
}
