/**
 * What the kiosk knows about serial devices: the ports seen, the latest IMEI read from a
 * plugged-in device's modem, and each scan from a serial-mode scanner. The host (Electron main, a
 * test harness) feeds it from src/serial's port watcher; the onboarding screen shows the offer and
 * takes the scans like keyboard-wedge scans.
 */
export interface SerialPortLine {
  readonly path: string;
  readonly label: string;
  readonly kind: 'modem' | 'scanner' | 'unknown';
}

export interface SerialOffer {
  readonly imei: string;
  readonly port: string;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly readAt: string;
}

/** Why a serial-mode scanner's scan was refused (serial-scanners.ts), as data for the message catalogue's test. */
export const REJECTED_SCAN_KINDS = ['garbled_scan', 'overlong_scan'] as const;
export type RejectedScanKind = (typeof REJECTED_SCAN_KINDS)[number];

export interface SerialProblem {
  readonly kind: string;
  readonly message: string;
  readonly nextAction: string;
  /** The values the kind's text needs in another language (a refused scan's port, baud rate, length). */
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * One scan from a serial-mode scanner: its text (for the screen to read like a wedge scan) and the
 * valid IMEIs in it, or why it was refused (garbled or overlong bytes never become an IMEI).
 */
export type SerialScan =
  | { readonly kind: 'scan'; readonly port: string; readonly text: string; readonly imeis: string[] }
  | { readonly kind: 'rejected'; readonly port: string; readonly problem: SerialProblem };

export class SerialOffers {
  private ports: readonly SerialPortLine[] = [];
  private offer: SerialOffer | undefined;
  private problem: SerialProblem | undefined;
  private readonly listeners = new Set<(offer: SerialOffer) => void>();
  private readonly changeListeners = new Set<() => void>();
  private readonly scanListeners = new Set<(scan: SerialScan) => void>();

  setPorts(ports: readonly SerialPortLine[]): void {
    this.ports = ports;
    // An offer from a port that is gone is withdrawn: that device left the station.
    if (this.offer && !ports.some((p) => p.path === this.offer?.port)) this.offer = undefined;
    this.changed();
  }

  setOffer(offer: SerialOffer): void {
    this.offer = offer;
    this.problem = undefined;
    this.listeners.forEach((listener) => listener(offer));
    this.changed();
  }

  setProblem(problem: SerialProblem | undefined): void {
    this.problem = problem;
    this.changed();
  }

  /** Any change (ports, offer, problem), e.g. to withdraw an offer on screen when its device leaves. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    this.changeListeners.forEach((listener) => listener());
  }

  status(): { ports: SerialPortLine[]; offer?: SerialOffer; problem?: SerialProblem } {
    return {
      ports: [...this.ports],
      ...(this.offer ? { offer: this.offer } : {}),
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }

  onOffer(listener: (offer: SerialOffer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Scans are passed on, not kept: a scan is an act of the operator at that moment. */
  reportScan(scan: SerialScan): void {
    this.scanListeners.forEach((listener) => listener(scan));
  }

  onScan(listener: (scan: SerialScan) => void): () => void {
    this.scanListeners.add(listener);
    return () => this.scanListeners.delete(listener);
  }
}
