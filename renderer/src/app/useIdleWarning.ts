/**
 * The seconds left before the idle sign-out (App's useIdleTimeout), shown only while something
 * would be lost by it: a warning WARNING_SECONDS before, gone at the operator's next key or touch.
 */
import { useEffect, useState } from 'react';
import { useIdleTimeout } from './useIdleTimeout';

const WARNING_SECONDS = 30;

export function useIdleWarning(idleMinutes: number | undefined, somethingToLose: boolean): number | undefined {
  const [left, setLeft] = useState<number>();
  const totalSeconds = (idleMinutes ?? 0) * 60;
  // A short idle time warns for its second half at most.
  const warnFor = Math.min(WARNING_SECONDS, Math.floor(totalSeconds / 2));
  const enabled = somethingToLose && totalSeconds > 0;
  useIdleTimeout((totalSeconds - warnFor) / 60, () => setLeft(warnFor), enabled);

  useEffect(() => {
    if (left === undefined) return;
    const dismiss = () => setLeft(undefined);
    const events = ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, dismiss, { capture: true, passive: true }));
    const tick = setTimeout(() => setLeft(left > 1 ? left - 1 : undefined), 1000);
    return () => {
      clearTimeout(tick);
      events.forEach((e) => window.removeEventListener(e, dismiss, { capture: true }));
    };
  }, [left]);

  return enabled ? left : undefined;
}
