/**
 * One AT command at a time over an open port: write "AT…\r", collect the reply's info lines until
 * OK / ERROR / +CME ERROR, skipping echo, unsolicited lines and noise. Modules handle one command
 * per port, so a second `send` while one is pending is a programming error.
 */
import type { SerialPortStream } from '@serialport/stream';
import { classifyAtLine } from './at-response.js';
import { watchDevicePresence } from './device-presence.js';
import { disconnectedError, SerialFailure } from './errors.js';
import { LineSplitter } from './line-splitter.js';

export interface AtReply {
  readonly command: string;
  readonly final: 'ok' | 'error';
  /** The final line when it was an error ("ERROR", "+CME ERROR: operation not supported"). */
  readonly errorText?: string;
  /** Info lines, in order, without echo, URCs or noise. */
  readonly lines: readonly string[];
}

/** A command that got no final result code in time. Not a failure yet: the caller may retry. */
export class AtTimeout extends Error {
  constructor(readonly command: string, readonly timeoutMs: number) {
    super(`no reply to ${command} within ${timeoutMs} ms`);
    this.name = 'AtTimeout';
  }
}

interface Pending {
  readonly command: string;
  readonly lines: string[];
  settle(outcome: { reply: AtReply } | { error: Error }): void;
}

export class AtSession {
  private readonly splitter = new LineSplitter(1024);
  private pending: Pending | undefined;
  private failure: SerialFailure | undefined;
  private lastByteAt = 0;
  private closing = false;
  private readonly stopPresenceWatch: () => void;

  constructor(
    private readonly port: SerialPortStream,
    private readonly path: string,
    private readonly signal?: AbortSignal,
  ) {
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    this.stopPresenceWatch = watchDevicePresence(path, () => {
      this.fail(new SerialFailure(disconnectedError(path)), !this.closing);
      if (port.isOpen) port.close(() => undefined);
    });
    port.on('close', () => this.fail(new SerialFailure(disconnectedError(path)), !this.closing));
    port.on('error', () => this.fail(new SerialFailure(disconnectedError(path)), true));
    signal?.addEventListener('abort', () => this.pending?.settle({ error: toError(signal.reason) }), { once: true });
  }

  send(command: string, timeoutMs: number): Promise<AtReply> {
    if (this.pending) throw new Error(`AtSession: ${this.pending.command} is still pending; send one command at a time`);
    if (this.failure) return Promise.reject(this.failure);
    if (this.signal?.aborted) return Promise.reject(toError(this.signal.reason));
    return new Promise<AtReply>((resolve, reject) => {
      const timer = setTimeout(() => pending.settle({ error: new AtTimeout(command, timeoutMs) }), timeoutMs);
      const pending: Pending = {
        command,
        lines: [],
        settle: (outcome) => {
          if (this.pending !== pending) return;
          clearTimeout(timer);
          this.pending = undefined;
          if ('reply' in outcome) resolve(outcome.reply);
          else reject(outcome.error);
        },
      };
      this.pending = pending;
      this.splitter.reset();
      this.port.write(`${command}\r`, (error) => {
        if (error) pending.settle({ error: this.failure ?? new SerialFailure(disconnectedError(this.path)) });
      });
    });
  }

  /**
   * Waits until the line has been quiet for `idleMs` (at most `maxMs`), dropping what arrives:
   * late replies to a timed-out command must not be read as the answer to the next one.
   */
  async drainUntilIdle(idleMs: number, maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    this.lastByteAt = Date.now();
    while (!this.failure && !this.signal?.aborted) {
      const quietFor = Date.now() - this.lastByteAt;
      if (quietFor >= idleMs || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(idleMs - quietFor, deadline - Date.now())));
    }
    this.splitter.reset();
    if (this.failure) throw this.failure;
  }

  /** Closes the port; resolves once it is closed (or was already gone). */
  close(): Promise<void> {
    this.closing = true;
    this.stopPresenceWatch();
    return new Promise((resolve) => {
      if (!this.port.isOpen) return resolve();
      this.port.close(() => resolve());
    });
  }

  private onData(chunk: Buffer): void {
    this.lastByteAt = Date.now();
    for (const item of this.splitter.push(chunk)) {
      const pending = this.pending;
      if (!pending || item.type !== 'line') continue; // no command pending: a URC or a stale reply
      const line = classifyAtLine(item.text, pending.command);
      if (line.type === 'info') pending.lines.push(line.text);
      else if (line.type === 'ok') pending.settle({ reply: { command: pending.command, final: 'ok', lines: pending.lines } });
      else if (line.type === 'error') {
        pending.settle({ reply: { command: pending.command, final: 'error', errorText: line.text, lines: pending.lines } });
      }
    }
  }

  private fail(failure: SerialFailure, unexpected: boolean): void {
    if (!unexpected || this.failure) return;
    this.failure = failure;
    this.pending?.settle({ error: failure });
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
