import { useEffect, useRef } from 'react';

/** Calls onIdle once after `minutes` without a key press, pointer or touch. */
export function useIdleTimeout(minutes: number | undefined, onIdle: () => void, enabled = true): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (!enabled || !minutes) return;
    let timer = setTimeout(() => onIdleRef.current(), minutes * 60_000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), minutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, reset, { capture: true, passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, reset, { capture: true }));
    };
  }, [minutes, enabled]);
}
