/**
 * Every barcode scanner at the station as one stream of scans: the keyboard wedge (keys caught
 * anywhere on the page) and serial-mode scanners (pushed by the engine as serial.scan). A screen
 * handles a scan in one place whatever scanner it came from; `source` is what the journal records.
 */
import { useEffect, useRef } from 'react';
import { extractImeiCandidates, type ImeiCandidates } from '../../../src/capture';
import type { SerialScanEvent } from '../../../src/ipc/schemas';
import { useKiosk } from '../app/kiosk-context';
import type { Language } from '../i18n/messages';
import { problemText } from '../i18n/problem-text';
import { useWedgeScanner } from '../wedge';
import { useStationWedgeOptions } from './useStationWedgeOptions';

export interface Scan {
  readonly text: string;
  readonly candidates: ImeiCandidates;
  readonly source: 'wedge' | 'serial_scanner';
}

export interface UseScansOptions {
  /** False: no scan is taken (wedge typing is then untouched). */
  readonly enabled?: boolean;
  /** A serial scan refused for its bytes (garbled, overlong), in the operator's language: never an IMEI. */
  readonly onRefused: (text: string) => void;
}

type Refusal = Extract<SerialScanEvent, { kind: 'rejected' }>['problem'];

/** The refusal in the screen's language (the catalogue's garbled_scan, overlong_scan, …); an unknown kind keeps the engine's words. */
export function refusalText(language: Language, problem: Refusal): string {
  const text = problemText(language, problem);
  return `${text.message} ${text.nextAction}`;
}

/** Called like useWedgeScanner, so a screen swaps one for the other and handles `scan.source`. */
export function useScans(onScan: (scan: Scan) => void, options: UseScansOptions): void {
  const { language } = useKiosk();
  const current = useRef({ onScan, onRefused: options.onRefused, language });
  current.current = { onScan, onRefused: options.onRefused, language };
  const enabled = options.enabled ?? true;

  const wedgeOptions = useStationWedgeOptions();
  useWedgeScanner((scan) => current.current.onScan({ ...scan, source: 'wedge' }), { enabled, ...wedgeOptions });

  useEffect(() => {
    if (!enabled) return;
    return window.kiosk.on('serial.scan', (scan) => {
      const now = current.current;
      // The same extractor as the wedge's, on the text: the screen reads both kinds of scan alike.
      if (scan.kind === 'scan')
        now.onScan({
          text: scan.text,
          candidates: extractImeiCandidates(scan.text, 'serial-scanner'),
          source: 'serial_scanner',
        });
      else now.onRefused(refusalText(now.language, scan.problem));
    });
  }, [enabled]);
}
