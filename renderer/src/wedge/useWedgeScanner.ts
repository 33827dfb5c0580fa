/**
 * Listens for keyboard-wedge scanners anywhere on the page (capture phase, before any field sees
 * the keys). A scan is delivered to onScan with its IMEI candidates and never reaches a field; a
 * person's typing is handed back, in order, a moment later (the classifier's flushDelayMs: 250 ms
 * after a lone key, 80 ms within typing) to the field it was typed in — at once if a click or a
 * focus change comes first, so a held key never lands in the next field.
 */
import { useEffect, useRef } from 'react';
import {
  createWedgeClassifier,
  extractImeiCandidates,
  type ImeiCandidates,
  type WedgeOptionsInput,
  type WedgeOutput,
} from '../../../src/capture';
import { isSpaceActivated, replayedEvents, replayTyping } from './replay-typing';

export interface WedgeScan {
  /** The scanned text, digits taken from the physical keys (layout-proof). */
  readonly text: string;
  readonly candidates: ImeiCandidates;
}

export interface UseWedgeScannerOptions extends WedgeOptionsInput {
  /** False detaches the listener (typing is then untouched). */
  readonly enabled?: boolean;
}

export function useWedgeScanner(onScan: (scan: WedgeScan) => void, options: UseWedgeScannerOptions = {}): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  const { enabled = true, ...classifierOptions } = options;
  const optionsKey = JSON.stringify(classifierOptions);

  useEffect(() => {
    if (!enabled) return;
    const classifier = createWedgeClassifier(JSON.parse(optionsKey) as WedgeOptionsInput);
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** Where the withheld keys were typed: the focused element when the first of them came. */
    let typedIn: Element | null = null;

    const act = (outputs: readonly WedgeOutput[]) => {
      for (const output of outputs) {
        if (output.kind === 'scan')
          onScanRef.current({ text: output.text, candidates: extractImeiCandidates(output.text, 'wedge') });
        else replayTyping(output.keys, typedIn);
      }
    };

    const armTimer = () => {
      if (timer) clearTimeout(timer);
      timer = classifier.pending ? setTimeout(() => act(classifier.flush()), classifier.flushDelayMs) : undefined;
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (replayedEvents.has(event) || event.isComposing) return;
      // Space on a focused button or checkbox is a person pressing it: no scan starts with a space.
      if (!classifier.pending && event.key === ' ' && isSpaceActivated(document.activeElement)) return;
      // Shortcuts (Ctrl+C, Alt+Tab…) are never scan characters: they end a burst and pass through.
      const key =
        (event.ctrlKey || event.altKey || event.metaKey) && event.key.length === 1 ? 'Unidentified' : event.key;
      const wasPending = classifier.pending;
      const step = classifier.push({ code: event.code, key, time: event.timeStamp });
      act(step.outputs);
      // Keys withheld from now on belong to the element focused now.
      if (!wasPending || step.outputs.length > 0) typedIn = document.activeElement;
      if (step.consume) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      armTimer();
    };

    // A click acts on what was typed so far: flush it first, into its own field. (A focus change by
    // the app itself does not flush, which could cut a scan in two; typedIn keeps the keys in place.)
    const onPointerDown = () => {
      if (!classifier.pending) return;
      act(classifier.flush());
      armTimer();
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('pointerdown', onPointerDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('pointerdown', onPointerDown, { capture: true });
      if (timer) clearTimeout(timer);
      // Unmounting mid-burst: whatever was withheld goes back to the page.
      act(classifier.flush());
    };
  }, [enabled, optionsKey]);
}
