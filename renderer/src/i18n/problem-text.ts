/**
 * The engine's problems, refusals, job reasons, order-row errors and IMEI errors in the
 * operator's language, from the tables in messages.ts.
 *
 * English shows the engine's own words: they are the source the tables translate and can hold
 * specifics (Validic's answer, the exact characters). Another language uses its table by kind and
 * falls back to the engine's English when the kind is unknown (a newer engine) or a value its text
 * needs is missing, so the screen is never blank and never shows a raw `{placeholder}`.
 */
import { describeChar, type ImeiError } from '../../../src/imei/errors';
import { formatImei } from '../../../src/imei/format';
import type { ProblemParams } from '../../../src/ipc/schemas';
import { ipcErrorCodeOf, refusalOf } from '../../../src/ipc/wire';
import { fillAll, renderMessage, renderOrderRow, type MessageText } from '../../../src/messages';
import { messages, type Language } from './messages';

export type ProblemText = MessageText;

/** What a problem carries over the wire (ProblemSchema), or a job's reason in the same shape. */
export interface ProblemLike {
  readonly kind: string;
  readonly message: string;
  readonly nextAction: string;
  readonly params?: ProblemParams | undefined;
}

export function problemText(language: Language, problem: ProblemLike): ProblemText {
  const english = { message: problem.message, nextAction: problem.nextAction };
  if (language === 'en') return english;
  return renderMessage(language, problem.kind, problem.params) ?? english;
}

/** A job's latest reason and next action (Queue and history), translated when it has a kind. */
export function jobReasonText(
  language: Language,
  job: {
    readonly reason?: string | undefined;
    readonly nextAction?: string | undefined;
    readonly reasonKind?: string | undefined;
    readonly reasonParams?: ProblemParams | undefined;
  },
): { reason?: string; nextAction?: string } {
  const shown = job.reasonKind
    ? problemText(language, {
        kind: job.reasonKind,
        message: job.reason ?? '',
        nextAction: job.nextAction ?? '',
        params: job.reasonParams,
      })
    : { message: job.reason ?? '', nextAction: job.nextAction ?? '' };
  // Only what the engine said: a job without a next action gets none from the table either.
  return {
    ...(job.reason !== undefined ? { reason: shown.message } : {}),
    ...(job.nextAction !== undefined ? { nextAction: shown.nextAction } : {}),
  };
}

/**
 * The text for a failed window.kiosk call: a refusal in the operator's language (its code and
 * params travel at the front of the error's message), anything else as the engine said it.
 */
export function callErrorText(language: Language, error: unknown): string {
  const refusal = refusalOf(error);
  if (refusal) {
    const shown = language === 'en' ? undefined : renderMessage(language, refusal.code, refusal.params);
    return shown ? `${shown.message} ${shown.nextAction}` : refusal.text;
  }
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.replace(/^[a-z_]+: [\w.]+: /, '');
  // A call that failed for another reason (a bad field, an engine fault) still says what to do.
  const code = ipcErrorCodeOf(error);
  if (code === undefined || code === 'refused') return detail;
  const template = messages[language].callErrors[code];
  return `${template.message.replace('{detail}', detail)} ${template.nextAction}`;
}

/** A bad row of an orders file. */
export function orderRowText(
  language: Language,
  row: { readonly reason: string; readonly kind?: string | undefined; readonly params?: ProblemParams | undefined },
): string {
  if (language === 'en' || row.kind === undefined) return row.reason;
  return renderOrderRow(language, row.kind, row.params) ?? row.reason;
}

/** Why text is not an IMEI. */
export function imeiErrorText(language: Language, error: ImeiError, raw: string): string {
  if (language === 'en') return error.message;
  const t = messages[language].imeiErrors;
  const text = (() => {
    switch (error.kind) {
      case 'non_digit': {
        const offending = error.offending ?? [];
        const list = offending
          .slice(0, 5)
          .map((o) => fillAll(t.nonDigitAt, { char: describeChar(o.char), position: o.position }))
          .join(', ');
        const found = offending.length > 5 ? fillAll(t.nonDigitMore, { list, n: offending.length - 5 }) : list;
        return fillAll(t.non_digit, { found: found ?? list });
      }
      case 'too_short':
      case 'too_long':
        return fillAll(t[error.kind], { length: error.length });
      case 'bad_check_digit':
        return fillAll(t.bad_check_digit, {
          expected: error.expectedCheckDigit ?? '?',
          found: raw.replace(/\D/g, '').slice(-1),
        });
      case 'imeisv':
        // Formatted like the label, so the operator can hold one against the other.
        return fillAll(t.imeisv, { imei: error.derivedImei ? formatImei(error.derivedImei) : '?' });
      case 'empty':
      case 'meid':
      case 'placeholder':
        return t[error.kind];
      default: {
        const never: never = error.kind;
        return String(never);
      }
    }
  })();
  return text ?? error.message;
}
