/**
 * The station's barcode sheet, to print and keep by the scanner: the ACKNOWLEDGE barcode (a red
 * result seen) and one barcode per device type, so the scanner hand alone can do everything.
 */
import { useEffect, useId, useRef } from 'react';
import { code128Bars } from '../../../src/capture';
import { useKiosk } from '../app/kiosk-context';
import { useFocusTrap } from '../components/useFocusTrap';
import { ACK_BARCODE, typeBarcode } from './onboard-state';
import './barcode-sheet.css';

/** Pixels per module on screen; printers scale the SVG to its CSS size. */
const MODULE_PX = 2;
const BAR_HEIGHT_PX = 64;

function Code128({ text, label }: { readonly text: string; readonly label: string }) {
  const { bars, modules } = code128Bars(text);
  return (
    <figure className="barcode" data-testid="sheet-barcode" data-text={text}>
      <svg
        role="img"
        aria-label={label}
        width={modules * MODULE_PX}
        height={BAR_HEIGHT_PX}
        viewBox={`0 0 ${modules} ${BAR_HEIGHT_PX / MODULE_PX}`}
        shapeRendering="crispEdges"
      >
        <rect x={0} y={0} width={modules} height={BAR_HEIGHT_PX / MODULE_PX} fill="#fff" />
        {bars.map((bar) => (
          <rect key={bar.x} x={bar.x} y={0} width={bar.width} height={BAR_HEIGHT_PX / MODULE_PX} fill="#000" />
        ))}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function BarcodeSheet({ onClose }: { onClose(): void }) {
  const { t, settings } = useKiosk();
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const onKeyDown = useFocusTrap(dialogRef, onClose);
  // The sheet opens at its top (the ACKNOWLEDGE barcode), though the focus is on Close at its foot.
  useEffect(() => closeRef.current?.focus({ preventScroll: true }), []);
  return (
    <div className="modal-backdrop barcode-sheet-backdrop">
      <div
        ref={dialogRef}
        className="modal barcode-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
        data-testid="barcode-sheet"
      >
        <h2 id={titleId}>{t.onboardSafe.sheetTitle}</h2>
        <p className="no-print">{t.onboardSafe.sheetIntro}</p>
        <Code128 text={ACK_BARCODE} label={t.onboardSafe.sheetAck} />
        <h3>{t.onboardSafe.sheetTypes}</h3>
        <div className="barcode-grid">
          {(settings?.deviceTypes ?? []).map((type) => (
            <Code128 key={type.id} text={typeBarcode(type.id)} label={type.label} />
          ))}
        </div>
        <div className="button-row no-print">
          <button type="button" className="button button-primary button-large" onClick={() => window.print()}>
            {t.onboardSafe.print}
          </button>
          <button ref={closeRef} type="button" className="button button-large" onClick={onClose}>
            {t.onboardSafe.close}
          </button>
        </div>
      </div>
    </div>
  );
}
