export { useWedgeScanner, type WedgeScan, type UseWedgeScannerOptions } from './useWedgeScanner';
export { replayTyping } from './replay-typing';
