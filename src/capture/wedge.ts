/**
 * Keyboard-wedge scanner or person? A wedge scanner "types" its barcode as a burst of key events
 * a few milliseconds apart, usually ending in Enter. This classifier watches key events with their
 * time stamps and decides, burst by burst: a scan (the text is delivered, nothing reaches the
 * focused field) or typing (every withheld key is handed back, in order, to be replayed).
 *
 * It is pure: the caller feeds events (`push`) and tells it when the burst timer ran out (`flush`);
 * renderer/src/wedge/ wires it to the DOM. Digits come from `KeyboardEvent.code` (the physical key),
 * so a scanner set to a US layout on an AZERTY computer ("&é\"'(" for "12345") still yields digits.
 */
import { z } from 'zod';

export interface WedgeKey {
  /** KeyboardEvent.code: the physical key, e.g. "Digit1", "Numpad7", "Enter". */
  readonly code: string;
  /** KeyboardEvent.key: what the layout made of it, e.g. "1", or "&" on AZERTY. */
  readonly key: string;
  /** Milliseconds on a monotonic clock (KeyboardEvent.timeStamp). */
  readonly time: number;
}

export const WedgeOptions = z.object({
  /**
   * A pause longer than this ends a burst. Scanners send keys 2–20 ms apart, but a busy kiosk or a
   * Bluetooth link delivers some of them 50+ ms late; people type 90 ms apart and up. Bursts of
   * typing that do stay under it are still told apart by the mean gap below.
   */
  maxGapMs: z.number().positive().default(80),
  /**
   * A pause up to this long does not end a burst that is clearly machine-fast (2+ keys, mean gap
   * within maxMeanGapMs) or that is one key so far: a stalled event loop or USB/Bluetooth hiccup,
   * wherever it falls, must not split a scan and type part of it into a field. People never make a
   * burst machine-fast (their keys are 90+ ms apart); their lone keys wait this long instead of
   * maxGapMs, and then go to the page together with the next one.
   */
  stallToleranceMs: z.number().positive().default(250),
  /**
   * While a person is typing (their last key was typing, this recently), a lone key waits only
   * maxGapMs, not stallToleranceMs: their text appears key by key, not two at a time. A scanner
   * pulled this soon after typing whose first key also stalls is the price, and it is rare.
   */
  typingStreakMs: z.number().nonnegative().default(1000),
  /** A burst is a scan only if its keys came at most this far apart on average. */
  maxMeanGapMs: z.number().positive().default(35),
  /** A burst without a suffix key needs at least this many characters to be a scan (an IMEI has 15). */
  minLength: z.number().int().positive().default(14),
  /** A burst that ends in a suffix key (Enter/Tab) needs at least this many. */
  minLengthWithSuffix: z.number().int().positive().default(4),
  /** Keys a scanner sends after the data; swallowed when they end a scan. */
  suffixCodes: z.array(z.string()).default(['Enter', 'NumpadEnter', 'Tab']),
  /** A key the scanner is programmed to send first (e.g. "F13"): what follows is a scan, whatever its timing. */
  prefixCode: z.string().optional(),
  /** After the prefix key, the silence that ends the scan (no suffix): the prefix already said "scan". */
  prefixTimeoutMs: z.number().positive().default(1000),
});
export type WedgeOptions = z.infer<typeof WedgeOptions>;

/**
 * Keys a station may program its wedge scanners to send before each scan (Settings): F13–F24 exist
 * on no ordinary keyboard, so a person never presses them, and the app's own F-key shortcuts stay free.
 */
export const WEDGE_PREFIX_KEYS = [
  'F13',
  'F14',
  'F15',
  'F16',
  'F17',
  'F18',
  'F19',
  'F20',
  'F21',
  'F22',
  'F23',
  'F24',
] as const;
/** A station's wedge prefix setting: one of those keys, or '' for none (scans are told by their timing). */
export const WedgePrefixSetting = z.enum(['', ...WEDGE_PREFIX_KEYS]);
export type WedgeOptionsInput = z.input<typeof WedgeOptions>;

export type WedgeOutput =
  | {
      readonly kind: 'scan';
      /** The scanned text, digits taken from the physical keys. */
      readonly text: string;
      readonly keys: readonly WedgeKey[];
      /** The suffix key that ended it, if any ("Enter"). */
      readonly suffix?: string;
    }
  | {
      /** Keys withheld while it might have been a scan: replay them as typing, in this order. */
      readonly kind: 'typing';
      readonly keys: readonly WedgeKey[];
    };

export interface WedgeStep {
  /** Withhold this event from the page (preventDefault): it is buffered or ends a scan. */
  readonly consume: boolean;
  /** To act on before the current event's own default action, in order. */
  readonly outputs: readonly WedgeOutput[];
}

export interface WedgeClassifier {
  push(event: WedgeKey): WedgeStep;
  /** The burst timer ran out (maxGapMs of silence): decide about what is buffered. */
  flush(): WedgeOutput[];
  /** True while keys are withheld (the caller should have a flush timer running). */
  readonly pending: boolean;
  /** How long after the last key to call flush(): stallToleranceMs for a lone key or a machine-fast burst, prefixTimeoutMs after a prefix, else maxGapMs. */
  readonly flushDelayMs: number;
  readonly options: WedgeOptions;
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn']);

/** The character a key event stands for in a scan: digits by physical key, anything else by `key`. */
export function wedgeChar(event: Pick<WedgeKey, 'code' | 'key'>): string | undefined {
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
  if (digit) return digit[1];
  return [...event.key].length === 1 ? event.key : undefined;
}

export function createWedgeClassifier(input: WedgeOptionsInput = {}): WedgeClassifier {
  const options = WedgeOptions.parse(input);
  let buffer: WedgeKey[] = [];
  let prefixed = false;
  /** When the last key handed back as typing was pressed. */
  let lastTypedAt: number | undefined;

  const isScan = (keys: readonly WedgeKey[], withSuffix: boolean): boolean => {
    if (prefixed) return true;
    const length = keys.length;
    if (length < (withSuffix ? options.minLengthWithSuffix : options.minLength) || length < 2) return false;
    const meanGap = (keys[length - 1]!.time - keys[0]!.time) / (length - 1);
    return meanGap <= options.maxMeanGapMs;
  };

  const finish = (suffix?: WedgeKey): WedgeOutput[] => {
    const keys = buffer;
    const scan = isScan(keys, suffix !== undefined);
    buffer = [];
    prefixed = false;
    if (keys.length === 0) return [];
    if (!scan) {
      lastTypedAt = keys[keys.length - 1]!.time;
      return [{ kind: 'typing', keys }];
    }
    lastTypedAt = undefined;
    const text = keys.map((k) => wedgeChar(k) ?? '').join('');
    return [{ kind: 'scan', text, keys, ...(suffix ? { suffix: suffix.code } : {}) }];
  };

  const machineFast = (): boolean =>
    buffer.length >= 2 &&
    (buffer[buffer.length - 1]!.time - buffer[0]!.time) / (buffer.length - 1) <= options.maxMeanGapMs;

  const typingOn = (): boolean =>
    lastTypedAt !== undefined && buffer.length > 0 && buffer[0]!.time - lastTypedAt <= options.typingStreakMs;

  /** The silence that ends the current burst: a lone key waits as long as a stalled scan would, unless a person is mid-typing. */
  const burstTimeout = (): number => {
    if (prefixed) return options.prefixTimeoutMs;
    if (machineFast()) return options.stallToleranceMs;
    return buffer.length === 1 && !typingOn() ? options.stallToleranceMs : options.maxGapMs;
  };

  const gapEndsBurst = (event: WedgeKey): boolean => {
    const last = buffer[buffer.length - 1];
    return last !== undefined && event.time - last.time > burstTimeout();
  };

  return {
    options,
    get pending() {
      return buffer.length > 0 || prefixed;
    },
    get flushDelayMs() {
      return burstTimeout();
    },
    flush: () => finish(),
    push(event) {
      if (MODIFIERS.has(event.key)) return { consume: false, outputs: [] };
      const outputs: WedgeOutput[] = [];
      if (gapEndsBurst(event)) outputs.push(...finish());

      if (options.prefixCode !== undefined && event.code === options.prefixCode) {
        outputs.push(...finish());
        prefixed = true;
        return { consume: true, outputs };
      }
      if (options.suffixCodes.includes(event.code)) {
        if (buffer.length === 0 && !prefixed) return { consume: false, outputs };
        const ended = finish(event);
        outputs.push(...ended);
        // A suffix that ends a scan is part of the scan; after typing it is the person's own key.
        return { consume: ended.length === 0 || ended[0]!.kind === 'scan', outputs };
      }
      if (wedgeChar(event) === undefined) {
        // Backspace, arrows, F-keys: a person at work. Hand back anything withheld, then let it through.
        outputs.push(...finish());
        return { consume: false, outputs };
      }
      buffer.push(event);
      return { consume: true, outputs };
    },
  };
}

export type WedgeStreamItem = WedgeOutput | { readonly kind: 'passed'; readonly key: WedgeKey };

/**
 * A whole recorded key stream through a fresh classifier, with a flush at the end: what the page
 * would see, in order. For tests and for replaying recorded scanner traces.
 */
export function classifyKeyStream(events: readonly WedgeKey[], options: WedgeOptionsInput = {}): WedgeStreamItem[] {
  const classifier = createWedgeClassifier(options);
  const items: WedgeStreamItem[] = [];
  for (const event of events) {
    const step = classifier.push(event);
    items.push(...step.outputs);
    if (!step.consume) items.push({ kind: 'passed', key: event });
  }
  items.push(...classifier.flush());
  return items;
}
