/**
 * Notices that a device node went away. serialport's `close` on unplug is not always delivered:
 * a pseudo-terminal whose other side closed reads EOF forever (serialport 13 retries such reads
 * silently), and some Windows drivers never report it. Unplugging removes the node on Linux and
 * macOS (and socat removes its links), so a cheap periodic stat catches what the events miss.
 */
import { stat } from 'node:fs';

export const PRESENCE_CHECK_MS = 500;

/** Calls `onGone` once when `path` stops existing. Returns a function that stops watching. */
export function watchDevicePresence(path: string, onGone: () => void, intervalMs = PRESENCE_CHECK_MS): () => void {
  // COM3 and \\.\COM10 are not files: there is nothing to stat on Windows.
  if (!path.startsWith('/')) return () => undefined;
  let stopped = false;
  const timer = setInterval(() => {
    stat(path, (error) => {
      if (stopped || !error || error.code !== 'ENOENT') return;
      stop();
      onGone();
    });
  }, intervalMs);
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}
