/** A window.kiosk call that failed other than by a refusal (IpcErrorCode in src/ipc/wire.ts). */
export const callErrors = {
  unknown_channel: {
    message: 'This screen asked the kiosk engine for something it does not know ({detail}).',
    nextAction:
      'Restart the kiosk; if it happens again, call IT (the screen and the engine may be different versions).',
  },
  invalid_request: {
    message: 'The kiosk did not accept what was entered: {detail}.',
    nextAction: 'Check the fields and try again.',
  },
  handler_failed: {
    message: 'The kiosk engine could not complete this.',
    nextAction: 'Try again; if it happens again, call IT and say what time it happened.',
  },
  invalid_response: {
    message: 'The kiosk engine gave an answer this screen cannot read ({detail}).',
    nextAction: 'Restart the kiosk; if it happens again, call IT.',
  },
  untrusted_sender: {
    message: 'The kiosk engine does not answer this page ({detail}).',
    nextAction: 'Restart the kiosk; if it happens again, call IT.',
  },
} as const;
