/** src/serial: port discovery, the AT modem reader and the serial-scanner reader (main process only). */
export { type SerialError, type SerialErrorKind, classifyOpenError } from './errors.js';
export {
  readModemImei,
  MODEM_READ_DEFAULTS,
  IMEI_COMMANDS,
  type ModemReadOptions,
  type ModemReadResult,
  type ModemReadSuccess,
  type SerialReadFailure,
} from './modem-reader.js';
export {
  ScannerReader,
  openScannerReader,
  readScannerImei,
  validateWholeLine,
  captureCandidates,
  SCANNER_DEFAULTS,
  type LineCandidates,
  type LineToCandidates,
  type ScannerFraming,
  type ScannerOptions,
  type ScanEvent,
  type RejectedScan,
  type ScannerReadResult,
} from './scanner-reader.js';
export {
  discoverPorts,
  describePort,
  stableNames,
  BY_ID_DIR,
  type DiscoveredPort,
  type PortInfoLike,
  type PortLister,
  type PortListResult,
} from './port-discovery.js';
export { PortWatcher, PortWatcherSettings, type ImeiOffer } from './port-watcher.js';
export { KNOWN_USB_DEVICES, UsbDeviceMatch, matchUsbDevice } from './usb-ids.js';
export { classifyAtLine, imeiFromInfoLines, identityFromAti, type AtLine, type ModemIdentity } from './at-response.js';
export { LineSplitter, isCleanLine, DEFAULT_MAX_LINE_LENGTH } from './line-splitter.js';
export { openSerialPort, type PortOpener } from './open-port.js';
