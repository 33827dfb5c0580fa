import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useFocusTrap } from './useFocusTrap';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly danger?: boolean;
  readonly children: ReactNode;
  /** A third answer (e.g. "Switch and cancel them"), shown as a danger button. */
  readonly extra?: { readonly label: string; onClick(): void };
  onConfirm(): void;
  onCancel(): void;
}

/** A modal yes/no; the safe answer has the focus, Escape cancels. */
export function ConfirmDialog({
  title,
  confirmLabel,
  cancelLabel,
  danger,
  children,
  extra,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const onKeyDown = useFocusTrap(dialogRef, onCancel);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="button-row">
          <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={onConfirm}>
            {confirmLabel}
          </button>
          {extra && (
            <button type="button" className="button button-danger" onClick={extra.onClick}>
              {extra.label}
            </button>
          )}
          <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
