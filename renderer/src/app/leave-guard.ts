/**
 * Unsaved changes on a screen (Settings): the screen registers a check while it is open, and the
 * navigation asks before leaving when it says there is something unsaved.
 */
let check: (() => boolean) | undefined;

export function setLeaveGuard(next: (() => boolean) | undefined): void {
  check = next;
}

export function hasUnsavedChanges(): boolean {
  return check?.() ?? false;
}
