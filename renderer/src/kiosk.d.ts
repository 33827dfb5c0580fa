import type { KioskApi } from '../../src/ipc/contract';

declare global {
  interface Window {
    /** The engine, reached only through the contract (built by the preload). */
    readonly kiosk: KioskApi;
  }
}

export {};
