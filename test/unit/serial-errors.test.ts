/** Open and list failures → typed errors with a next action. The inputs are serialport's own messages. */
import { describe, expect, it } from 'vitest';
import { classifyOpenError } from '../../src/serial/errors.js';
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
    const error = classifyOpenError('/dev/ttyUSB2', detail, 'linux');
    expect(error.kind).toBe(kind);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.nextAction.length).toBeGreaterThan(10);
  });

  it('permission denied on Linux gives the exact dialout command; elsewhere no Linux advice', () => {
    expect(classifyOpenError('/dev/ttyUSB2', 'Permission denied', 'linux').nextAction).toContain(
      'sudo usermod -aG dialout $USER',
    );
    expect(classifyOpenError('COM3', 'Access is denied.', 'win32').nextAction).not.toContain('dialout');
  });

  it('keeps the original detail for errors it does not know', () => {
    expect(classifyOpenError('/dev/ttyACM0', 'Error: Input/output error', 'linux').message).toContain(
      'Input/output error',
    );
  });
});

describe('classifyListError', () => {
  it('a missing udevadm says so and offers --port', () => {
    const error = classifyListError('spawn udevadm ENOENT');
    expect(error.kind).toBe('udevadm_missing');
    expect(error.nextAction).toContain('--port');
  });

  it('anything else is list_failed with the detail', () => {
    expect(classifyListError('Error listing ports udevadm exited with error code: 1')).toMatchObject({
      kind: 'list_failed',
    });
  });
});
