/**
 * One AT command at a time over an open port: write "AT…\r", collect the reply's info lines until
 * OK / ERROR / +CME ERROR, skipping echo, unsolicited lines and noise.
 *
 * Every final result is tied to a command. A module answers the commands it receives in order, so
 * the session counts the commands it wrote whose final result has not come back (`owed`): a final
 * result belongs to the oldest of them, and a reply is taken as the pending command's only when
 * nothing older is owed. After a timeout the command stays owed; before the next one goes out the
 * session waits until its late final result has arrived (and hands it over: the reply of a slow
 * modem) or the line has been quiet long enough to say the command was dropped (`resync`).
 */
import type { SerialPortStream } from '@serialport/stream';
import { classifyAtLine } from './at-response.js';
import { watchDevicePresence } from './device-presence.js';
import { catalogueSerialError, disconnectedError, SerialFailure } from './errors.js';
import { LineSplitter } from './line-splitter.js';

export interface AtReply {
  readonly command: string;
  readonly final: 'ok' | 'error';
  /** The final line when it was an error ("ERROR", "+CME ERROR: operation not supported"). */
  readonly errorText?: string;
  /** Info lines, in order, without echo, URCs or noise. */
  readonly lines: readonly string[];
  /** Garbled or overlong lines seen during the exchange: a reply with any is not clean. */
  readonly noise: number;
  /** True when the reply came after its command had timed out (collected during a resync). */
  readonly late?: boolean;
}

/** A command that got no final result code in time. Not a failure yet: the caller may resync and retry. */
export class AtTimeout extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`no reply to ${command} within ${timeoutMs} ms`);
    this.name = 'AtTimeout';
  }
}

export interface SendOptions {
  /**
   * Wake-up probes: send without waiting for earlier probes to be answered, and take any final
   * result as the answer (every probe is the same command). Call `resync` afterwards.
   */
  readonly overlap?: boolean;
}

export interface ResyncOptions {
  /** Quiet this long (since the last byte or the last write) means every owed command was dropped. */
  readonly quietMs: number;
  /** The line never went quiet in this long: the modem is out of step (a SerialFailure). */
  readonly maxMs: number;
}

export interface ResyncResult {
  /** The late reply of the command that timed out last, if it came back while nothing else was owed. */
  readonly late?: AtReply;
  /** Commands given up as dropped (the module never answered them). */
  readonly droppedCommands: number;
}

/** The exchange being read: the pending command's, or a timed-out one's whose final result is still owed. */
interface Exchange {
  readonly command: string;
  readonly lines: string[];
  noise: number;
  readonly overlap: boolean;
  settle?: (outcome: { reply: AtReply } | { error: Error }) => void;
}

export class AtSession {
  private readonly splitter = new LineSplitter(1024);
  private exchange: Exchange | undefined;
  private pending: Exchange | undefined;
  private lateReply: AtReply | undefined;
  /** Commands written whose final result has neither arrived nor been given up on. */
  private owed = 0;
  private stray = 0;
  private failure: SerialFailure | undefined;
  private lastActivityAt = Date.now();
  private onActivity: (() => void) | undefined;
  private closing = false;
  private readonly stopPresenceWatch: () => void;

  constructor(
    private readonly port: SerialPortStream,
    private readonly path: string,
    private readonly signal?: AbortSignal,
    /** How `send` resyncs when an earlier command is still owed. */
    private readonly defaultResync: ResyncOptions = { quietMs: 3_000, maxMs: 10_000 },
  ) {
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    this.stopPresenceWatch = watchDevicePresence(path, () => {
      this.fail(new SerialFailure(disconnectedError(path)), !this.closing);
      if (port.isOpen) port.close(() => undefined);
    });
    port.on('close', () => this.fail(new SerialFailure(disconnectedError(path)), !this.closing));
    port.on('error', () => this.fail(new SerialFailure(disconnectedError(path)), true));
    signal?.addEventListener(
      'abort',
      () => {
        this.pending?.settle?.({ error: toError(signal.reason) });
        this.onActivity?.();
      },
      { once: true },
    );
  }

  /** Final results that arrived when no command was owed: the session may have been out of step. */
  get strayFinals(): number {
    return this.stray;
  }

  async send(command: string, timeoutMs: number, options: SendOptions = {}): Promise<AtReply> {
    if (this.pending)
      throw new Error(`AtSession: ${this.pending.command} is still pending; send one command at a time`);
    if (this.owed > 0 && !options.overlap) await this.resync(this.defaultResync);
    if (this.failure) throw this.failure;
    if (this.signal?.aborted) throw toError(this.signal.reason);
    return new Promise<AtReply>((resolve, reject) => {
      const timer = setTimeout(() => exchange.settle?.({ error: new AtTimeout(command, timeoutMs) }), timeoutMs);
      const exchange: Exchange = {
        command,
        lines: [],
        noise: 0,
        overlap: options.overlap ?? false,
        settle: (outcome) => {
          if (this.pending !== exchange) return;
          clearTimeout(timer);
          this.pending = undefined;
          exchange.settle = undefined;
          if ('reply' in outcome) resolve(outcome.reply);
          else reject(outcome.error);
        },
      };
      // A partial line with nothing owed is noise; with overlapping probes it may be an OK on its way.
      if (this.owed === 0) this.splitter.reset();
      this.pending = exchange;
      this.exchange = exchange;
      this.lateReply = undefined;
      this.owed++;
      this.lastActivityAt = Date.now();
      this.port.write(`${command}\r`, (error) => {
        if (error) exchange.settle?.({ error: this.failure ?? new SerialFailure(disconnectedError(this.path)) });
      });
    });
  }

  /**
   * Waits until every owed command has its final result, or the line has been quiet for `quietMs`
   * (then the owed commands were dropped, as a booting module does). A line that never goes quiet
   * within `maxMs` is a SerialFailure: nothing read from it could be tied to a command.
   */
  async resync(options: ResyncOptions): Promise<ResyncResult> {
    if (this.pending) throw new Error(`AtSession: ${this.pending.command} is still pending; resync after it settles`);
    const deadline = Date.now() + options.maxMs;
    while (this.owed > 0 && !this.failure && !this.signal?.aborted) {
      const now = Date.now();
      const quietFor = now - this.lastActivityAt;
      if (quietFor >= options.quietMs) break;
      if (now >= deadline) {
        throw new SerialFailure(
          catalogueSerialError(
            'modem_error',
            `the modem on ${this.path} kept sending without finishing its replies for ${options.maxMs / 1000} s, so its answers could not be matched to the commands`,
          ),
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(1, Math.min(options.quietMs - quietFor, deadline - now)));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.onActivity = done;
      });
      this.onActivity = undefined;
    }
    if (this.failure) throw this.failure;
    if (this.signal?.aborted) throw toError(this.signal.reason);
    const droppedCommands = this.owed;
    this.owed = 0;
    this.exchange = undefined;
    this.splitter.reset();
    const late = this.lateReply;
    this.lateReply = undefined;
    return { droppedCommands, ...(late ? { late } : {}) };
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
    let replying = false;
    for (const item of this.splitter.push(chunk)) replying = this.onItem(item) || replying;
    // Unsolicited lines (a modem reporting signal or registration every second) answer nothing:
    // they do not keep a resync waiting. Anything else, a partial line included, may be a reply.
    if (replying || this.splitter.pendingLength > 0) this.lastActivityAt = Date.now();
    this.onActivity?.();
  }

  /** Reads one line; false when it was an unsolicited result code. */
  private onItem(item: ReturnType<LineSplitter['push']>[number]): boolean {
    const exchange = this.exchange;
    // Only the newest command's exchange is read, and only once nothing older is owed.
    const reading = exchange !== undefined && (this.owed === 1 || (exchange.overlap && exchange === this.pending));
    if (item.type === 'overlong') {
      if (reading) exchange.noise++;
      return true;
    }
    const line = classifyAtLine(item.text, exchange?.command ?? '');
    if (line.type === 'urc') return false;
    if (line.type === 'noise') {
      if (reading) exchange.noise++;
      return true;
    }
    if (line.type === 'info') {
      if (reading) exchange.lines.push(line.text);
      return true;
    }
    if (line.type === 'echo') return true;
    if (this.owed === 0) {
      this.stray++;
      return true;
    }
    this.owed--;
    if (!reading || exchange === undefined) return true; // the final result of an older command
    const reply: AtReply = {
      command: exchange.command,
      final: line.type,
      ...(line.type === 'error' ? { errorText: line.text } : {}),
      lines: exchange.lines,
      noise: exchange.noise,
    };
    if (exchange.overlap) this.exchange = undefined;
    if (exchange === this.pending) {
      exchange.settle?.({ reply });
    } else {
      this.exchange = undefined;
      this.lateReply = { ...reply, late: true };
    }
    return true;
  }

  private fail(failure: SerialFailure, unexpected: boolean): void {
    if (!unexpected || this.failure) return;
    this.failure = failure;
    this.pending?.settle?.({ error: failure });
    this.onActivity?.();
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
