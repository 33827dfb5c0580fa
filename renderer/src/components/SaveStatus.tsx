/** What a Settings panel says after a save: done, or why not (role status, so a screen reader says it too). */
export interface SaveMessage {
  readonly ok: boolean;
  readonly text: string;
}

export function SaveStatus({
  message,
  testId,
}: {
  readonly message: SaveMessage | undefined;
  readonly testId?: string;
}) {
  if (!message) return null;
  return (
    <p className={`status ${message.ok ? 'status-ok' : 'status-error'}`} role="status" data-testid={testId}>
      <span aria-hidden="true">{message.ok ? '✓ ' : '✕ '}</span>
      {message.text}
    </p>
  );
}
