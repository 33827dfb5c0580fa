/**
 * What the shell logs, and where. The log itself is src/log's createKioskLogger (JSON lines,
 * rotated, redacted at the sink); this module attaches it to the main process's errors and to the
 * window's crash, preload and console events. Typed against minimal emitter interfaces so it is
 * tested with plain EventEmitters instead of Electron's objects.
 */
import path from 'node:path';

/** The pino methods we call (a pino Logger satisfies it). */
export interface ShellLogger {
  fatal(fields: object, message: string): void;
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/**
 * The logs folder: Electron's per-app logs folder, except when IMEI_KIOSK_DATA_DIR points the whole
 * kiosk elsewhere (tests, a second station on one machine), where the logs follow the data.
 */
export function shellLogsDir(env: NodeJS.ProcessEnv, dataDir: string, electronLogsDir: string): string {
  return env.IMEI_KIOSK_DATA_DIR ? path.join(dataDir, 'logs') : electronLogsDir;
}

export interface ProcessLike {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Main-process errors go to the log. Registering these listeners replaces Electron's default
 * error dialog, which an operator could not act on; the kiosk keeps running and IT has the line.
 */
export function logProcessErrors(target: ProcessLike, logger: ShellLogger): void {
  target.on('uncaughtException', (error) =>
    logger.fatal({ error: errorFields(error) }, 'main process: uncaught exception'),
  );
  target.on('unhandledRejection', (reason) =>
    logger.error({ error: errorFields(reason) }, 'main process: unhandled rejection'),
  );
}

/** The webContents events we log, with Electron 45's argument shapes. */
export interface WebContentsEventsLike {
  on(event: 'preload-error', listener: (event: unknown, preloadPath: string, error: Error) => void): unknown;
  on(event: 'unresponsive', listener: () => void): unknown;
  on(event: 'responsive', listener: () => void): unknown;
  on(
    event: 'console-message',
    listener: (event: { level: string; message: string; lineNumber: number; sourceId: string }) => void,
  ): unknown;
}

export function logWebContentsEvents(contents: WebContentsEventsLike, logger: ShellLogger): void {
  contents.on('preload-error', (_event, preloadPath, error) =>
    logger.error({ preload: path.basename(preloadPath), error: errorFields(error) }, 'preload failed'),
  );
  contents.on('unresponsive', () => logger.warn({}, 'renderer unresponsive'));
  contents.on('responsive', () => logger.info({}, 'renderer responsive again'));
  contents.on('console-message', (event) => {
    // Only problems: the renderer's info chatter is not worth the disk on a kiosk.
    if (event.level !== 'warning' && event.level !== 'error') return;
    const fields = {
      source: 'renderer',
      level: event.level,
      at: `${path.basename(event.sourceId)}:${event.lineNumber}`,
    };
    if (event.level === 'error') logger.error(fields, event.message);
    else logger.warn(fields, event.message);
  });
}

/** Fields for a render-process-gone or child-process-gone line. */
export function processGoneFields(details: {
  reason: string;
  exitCode: number;
  type?: string;
}): Record<string, unknown> {
  return { reason: details.reason, exitCode: details.exitCode, ...(details.type ? { processType: details.type } : {}) };
}

/** An error as plain fields (pino's own serializer only applies to the `err` key of an Error). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error, message: String(error) };
}
