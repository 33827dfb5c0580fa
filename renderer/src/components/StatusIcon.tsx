/**
 * Status icons drawn as SVG, so they look the same on every kiosk whatever fonts it has (emoji and
 * symbol glyphs are missing on many Linux images). Decorative: the word beside them carries the state.
 */
export type StatusIconKind = 'ok' | 'wait' | 'attention' | 'error';

export function StatusIcon({ kind, className }: { kind: StatusIconKind; className?: string }) {
  return (
    <svg
      className={`status-icon ${className ?? ''}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      {kind === 'ok' && (
        <path
          d="M4 12.5l5 5L20 6.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      )}
      {kind === 'wait' && (
        <>
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M12 7v5.5l3.5 2" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </>
      )}
      {kind === 'attention' && (
        <>
          <path d="M12 3L2 21h20L12 3z" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
          <path d="M12 10v5" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          <circle cx="12" cy="18" r="1.4" fill="currentColor" />
        </>
      )}
      {kind === 'error' && (
        <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      )}
    </svg>
  );
}
