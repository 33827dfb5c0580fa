/**
 * What the kiosk knows about serial devices: the ports seen and the latest IMEI read from a
 * plugged-in device's modem. The host (Electron main, a test harness) feeds it from src/serial's
 * port watcher; the onboarding screen shows the offer.
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

export interface SerialProblem {
  readonly kind: string;
  readonly message: string;
  readonly nextAction: string;
}

export class SerialOffers {
  private ports: readonly SerialPortLine[] = [];
  private offer: SerialOffer | undefined;
  private problem: SerialProblem | undefined;
  private readonly listeners = new Set<(offer: SerialOffer) => void>();
  private readonly changeListeners = new Set<() => void>();

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
    return { ports: [...this.ports], ...(this.offer ? { offer: this.offer } : {}), ...(this.problem ? { problem: this.problem } : {}) };
  }

  onOffer(listener: (offer: SerialOffer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
