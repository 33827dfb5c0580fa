/** Open and list failures → typed errors with a next action. The inputs are serialport's own messages. */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/messages/index.js';
import { classifyOpenError, SerialFailure, type SerialErrorKind } from '../../src/serial/errors.js';
import { classifyListError } from '../../src/serial/port-discovery.js';

describe('classifyOpenError', () => {
  it.each([
    ['Error: No such file or directory, cannot open /dev/ttyUSB9', 'port_not_found'],
    ['Error: Permission denied, cannot open /dev/ttyUSB2', 'permission_denied'],
    ['Error Resource temporarily unavailable Cannot lock port', 'port_busy'],
    ['Error: Inappropriate ioctl for device setting custom baud rate of 9600', 'not_a_serial_port'],
    ['Error: Is a directory, cannot open /tmp', 'not_a_serial_port'],
    ['Error: Input/output error, cannot open /dev/ttyACM0', 'open_failed'],
  ])('%s → %s', (detail, kind) => {
    const error = classifyOpenError('/dev/ttyUSB2', detail);
    expect(error.kind).toBe(kind);
    // The operator's words are the catalogue's; the port and serialport's words stay for IT.
    expect({ message: error.message, nextAction: error.nextAction }).toEqual(
      renderMessage('en', kind as SerialErrorKind),
    );
    expect(error.detail).toBe(
      `/dev/ttyUSB2: ${detail}${/port_not_found|not_a_serial_port/.test(kind) ? '; see "imei-kiosk serial list"' : ''}`,
    );
  });

  it('permission denied gives the exact dialout command', () => {
    expect(classifyOpenError('/dev/ttyUSB2', 'Permission denied').nextAction).toContain(
      'sudo usermod -aG dialout $USER',
    );
  });

  it('keeps the original detail for errors it does not know, in the detail and the thrown message', () => {
    const error = classifyOpenError('/dev/ttyACM0', 'Error: Input/output error');
    expect(error.detail).toContain('Input/output error');
    expect(new SerialFailure(error).message).toBe(
      'The serial port could not be opened. (/dev/ttyACM0: Error: Input/output error)',
    );
  });
});

describe('classifyListError', () => {
  it('a missing udevadm says so and offers --port', () => {
    const error = classifyListError('spawn udevadm ENOENT');
    expect(error.kind).toBe('udevadm_missing');
    expect(error.detail).toContain('--port');
  });

  it('anything else is list_failed with the detail', () => {
    expect(classifyListError('Error listing ports udevadm exited with error code: 1')).toMatchObject({
      kind: 'list_failed',
    });
  });
});
