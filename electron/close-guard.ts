/**
 * Closing the kiosk while jobs are in flight asks first. The decision is pure
 * (`shouldConfirmClose`); the guard sequences the window's close event, the engine's queue status
 * and the dialog through injected functions, so it is tested without Electron. In main.ts the
 * dialog is Electron's `dialog.showMessageBox` (the part that cannot run here).
 */

/** What the close decision needs from the engine's queue status. */
export interface QueueActivity {
  /** Jobs being connected right now. */
  readonly inFlight: number;
}

export type QueueStatusSource = () => Promise<QueueActivity>;

/**
 * Ask before closing when jobs are in flight, or when the engine could not say (undefined):
 * losing a job silently is worse than one extra question.
 */
export function shouldConfirmClose(status: QueueActivity | undefined): boolean {
  return status === undefined || status.inFlight > 0;
}

export interface CloseDialog {
  readonly type: 'warning';
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly [string, string];
  readonly defaultId: number;
  readonly cancelId: number;
  readonly noLink: true;
}

export const KEEP_OPEN = 0;
export const CLOSE_ANYWAY = 1;

/** The dialog's copy. "Keep the kiosk open" is the default, so Enter or Escape never closes. */
export function closeConfirmationDialog(status: QueueActivity | undefined): CloseDialog {
  const message =
    status === undefined
      ? 'The kiosk could not check whether devices are still being connected.'
      : status.inFlight === 1
        ? '1 device is being connected right now.'
        : `${status.inFlight} devices are being connected right now.`;
  return {
    type: 'warning',
    title: 'Close IMEI Kiosk?',
    message,
    detail:
      'Nothing is lost if you close: every job is in the journal and is finished or checked when the kiosk starts again. ' +
      'Closing now only delays those devices.',
    buttons: ['Keep the kiosk open', 'Close anyway'],
    defaultId: KEEP_OPEN,
    cancelId: KEEP_OPEN,
    noLink: true,
  };
}

export interface CloseGuardOptions {
  readonly queueStatus: QueueStatusSource;
  /** Shows the dialog; resolves with the index of the button chosen. */
  readonly confirm: (dialog: CloseDialog) => Promise<number>;
  /** How long to wait for the engine before asking anyway. */
  readonly statusTimeoutMs?: number;
}

export interface CloseEventLike {
  preventDefault(): void;
}

export interface CloseGuard {
  /**
   * For the window's 'close' event. Lets the close through once it has been decided; otherwise
   * prevents it, decides asynchronously, and calls `closeWindow` again when the answer is yes.
   */
  onClose(event: CloseEventLike, closeWindow: () => void): Promise<void>;
}

export function createCloseGuard(options: CloseGuardOptions): CloseGuard {
  let closeAllowed = false;
  let deciding = false;
  const timeoutMs = options.statusTimeoutMs ?? 2000;

  return {
    async onClose(event, closeWindow) {
      if (closeAllowed) return;
      event.preventDefault();
      if (deciding) return; // a second Alt+F4 while the dialog is open
      deciding = true;
      try {
        const status = await statusWithin(options.queueStatus, timeoutMs);
        const close =
          !shouldConfirmClose(status) || (await options.confirm(closeConfirmationDialog(status))) === CLOSE_ANYWAY;
        if (close) {
          closeAllowed = true;
          closeWindow();
        }
      } finally {
        deciding = false;
      }
    },
  };
}

/** The queue status, or undefined when the engine fails or does not answer in time. */
async function statusWithin(source: QueueStatusSource, timeoutMs: number): Promise<QueueActivity | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([source().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
