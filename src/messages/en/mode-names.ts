/** The kiosk's modes (training, production; unknown for an older journal's job) inside a text's {mode}, {to} and {now}. */
export const modeNames = {
  training: 'training',
  production: 'production',
  unknown: 'unknown',
} as const;
