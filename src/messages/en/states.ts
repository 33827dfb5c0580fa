/** A job's state (src/ledger/records.ts JobState) as the operator reads it, also inside a text's {state}. */
export const states = {
  captured: 'Scanned',
  ready: 'Ready',
  connecting: 'Connecting',
  connected: 'Connected',
  verified: 'Connected and verified',
  queued: 'Queued',
  needs_attention: 'Needs attention',
  cancelled: 'Cancelled',
} as const;
