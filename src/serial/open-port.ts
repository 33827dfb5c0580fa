/** Opens a serial port and turns the ways opening fails into typed, actionable errors. */
import type { SerialPortStream } from '@serialport/stream';
import { SerialPort } from 'serialport';
import { classifyOpenError, SerialFailure } from './errors.js';

/** How the readers get an open port; tests may pass one built on another binding. */
export type PortOpener = (path: string, baudRate: number) => Promise<SerialPortStream>;

export const openSerialPort: PortOpener = (path, baudRate) =>
  new Promise((resolve, reject) => {
    // lock: true makes a second opener fail with "Cannot lock port" instead of sharing the bytes.
    const port = new SerialPort({ path, baudRate, lock: true, autoOpen: false });
    port.open((error) => {
      if (error) reject(new SerialFailure(classifyOpenError(path, error.message)));
      else resolve(port);
    });
  });
