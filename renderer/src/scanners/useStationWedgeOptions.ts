/**
 * The wedge classifier's options from the station's settings: with a prefix key set (Settings →
 * wedge scanner prefix), what follows that key is a scan whatever its timing, and a key a person
 * pressed just before it stays the person's.
 */
import type { WedgeOptionsInput } from '../../../src/capture';
import { useKiosk } from '../app/kiosk-context';

export function useStationWedgeOptions(): WedgeOptionsInput {
  const { look } = useKiosk();
  return look?.wedgePrefix ? { prefixCode: look.wedgePrefix } : {};
}
