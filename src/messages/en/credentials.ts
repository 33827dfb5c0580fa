/** Refusals of the secret store, of a mode switch and of going live. */
export const credentials = {
  plaintext_backend: {
    message:
      'This computer has no keyring for the kiosk user, so the token would be stored as plain text. It was not saved.',
    nextAction: 'Ask IT to install and unlock a keyring for the kiosk user, then enter the token again.',
  },
  encryption_unavailable: {
    message: "The operating system's secure storage is not available, so the token cannot be stored encrypted.",
    nextAction:
      'Sign in to the kiosk user account normally (so its keychain is unlocked), restart the app, then enter the token again.',
  },
  decrypt_failed: {
    message: "The stored token could not be decrypted: this computer's secure storage has changed since it was saved.",
    nextAction: 'Enter the organization token again in Settings (admin).',
  },
  invalid_value: {
    message: 'The token was not saved: it is not a valid token.',
    nextAction: 'Paste the token again, exactly as Validic issued it.',
  },
  corrupt_file: {
    message: 'The stored credentials file is damaged and cannot be read.',
    nextAction: 'Ask IT to delete it, then enter the organization token again in Settings (admin).',
  },
  open_jobs_in_mode: {
    message: 'Jobs made in {mode} mode and not finished: {count}. Switching to {to} mode never sends them there.',
    nextAction: 'Choose: leave them waiting for {mode} mode, or cancel them.',
  },
  training_pins_in_production: {
    message: 'The training PINs (admin 1234, supervisor 5678) cannot be used in production.',
    nextAction: 'Set a new admin PIN and a new supervisor PIN under PINs, then save the credentials again.',
  },
} as const;
