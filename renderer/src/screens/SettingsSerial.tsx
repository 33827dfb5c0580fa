import { useId, useState } from 'react';
import { SERIAL_BAUD_RATES, SILENCE_MS_RANGE, type PublicSettings } from '../../../src/ipc/schemas';
import { errorText, useKiosk } from '../app/kiosk-context';
import { fill } from '../i18n/messages';
import { emptyUsbRow, usbRowProblem, type UsbRow, type UsbRowProblem } from './settings-drafts';
import { SaveStatus, type SaveMessage } from '../components/SaveStatus';
import type { SettingsEditorProps } from './settings-editor-props';

type Framing = PublicSettings['scannerFraming'];
type EndingChoice = 'cr' | 'lf' | 'crlf' | 'silence';
function endingOf(framing: Framing): EndingChoice {
  return framing.mode === 'silence' ? 'silence' : framing.ending;
}

function rowsOf(settings: PublicSettings): UsbRow[] {
  return settings.extraUsbDevices.map((d) => ({
    vendorId: d.vendorId,
    productId: d.productId ?? '',
    maker: d.maker,
    kind: d.kind,
  }));
}

/** The station's serial profile: speed, how the serial scanner ends a scan, and extra USB ids. */
export function SerialProfileEditor({ adminPin, settings, onSaved }: SettingsEditorProps) {
  const { t, language } = useKiosk();
  const [baud, setBaud] = useState(settings.serialBaud);
  const [scannerBaud, setScannerBaud] = useState(settings.scannerBaud);
  const [ending, setEnding] = useState<EndingChoice>(endingOf(settings.scannerFraming));
  const [silenceMs, setSilenceMs] = useState(
    settings.scannerFraming.mode === 'silence' ? settings.scannerFraming.intervalMs : 40,
  );
  const [rows, setRows] = useState<UsbRow[]>(rowsOf(settings));
  const [message, setMessage] = useState<SaveMessage>();
  const ids = { title: useId(), ending: useId(), silence: useId(), usbTitle: useId() };
  // The fields start again from the saved profile only when it changes (this panel saved), in the
  // same render: another panel's save refreshes the settings too, and must not drop what is typed here.
  const { serialBaud, scannerBaud: savedScannerBaud, scannerFraming, extraUsbDevices } = settings;
  const savedKey = JSON.stringify({ serialBaud, savedScannerBaud, scannerFraming, extraUsbDevices });
  const [fieldsFrom, setFieldsFrom] = useState(savedKey);
  if (fieldsFrom !== savedKey) {
    setFieldsFrom(savedKey);
    setBaud(serialBaud);
    setScannerBaud(savedScannerBaud);
    setEnding(endingOf(scannerFraming));
    if (scannerFraming.mode === 'silence') setSilenceMs(scannerFraming.intervalMs);
    setRows(rowsOf(settings));
  }

  const silenceValid =
    Number.isInteger(silenceMs) && silenceMs >= SILENCE_MS_RANGE.min && silenceMs <= SILENCE_MS_RANGE.max;
  const problems = rows.map(usbRowProblem);
  const problemText = (problem: UsbRowProblem) =>
    problem === 'vendor'
      ? t.settings.usbVendorBad
      : problem === 'product'
        ? t.settings.usbProductBad
        : problem === 'name'
          ? t.settings.usbNameMissing
          : undefined;

  const save = async () => {
    if (problems.some(Boolean) || (ending === 'silence' && !silenceValid)) {
      setMessage({ ok: false, text: t.settings.fixFirst });
      return;
    }
    try {
      await window.kiosk.settings.update({
        adminPin,
        patch: {
          serialBaud: baud,
          scannerBaud,
          scannerFraming: ending === 'silence' ? { mode: 'silence', intervalMs: silenceMs } : { mode: 'line', ending },
          extraUsbDevices: rows.map((row) => ({
            vendorId: row.vendorId,
            ...(row.productId ? { productId: row.productId } : {}),
            maker: row.maker,
            kind: row.kind,
          })),
        },
      });
      setMessage({ ok: true, text: t.settings.saved });
      await onSaved();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error, language) });
    }
  };

  const update = (index: number, change: Partial<UsbRow>) => {
    setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
    setMessage(undefined);
  };

  return (
    <section className="panel" aria-labelledby={ids.title} data-testid="serial-profile">
      <h2 id={ids.title}>{t.settings.serialTitle}</h2>
      <p className="hint">{t.settings.serialHint}</p>
      <div className="form form-grid">
        <BaudSelect label={t.settings.serialBaud} saved={settings.serialBaud} value={baud} onChange={setBaud} />
        <BaudSelect
          label={t.settings.scannerBaud}
          saved={settings.scannerBaud}
          value={scannerBaud}
          onChange={setScannerBaud}
        />
        <label htmlFor={ids.ending}>{t.settings.scannerEnding}</label>
        <select
          id={ids.ending}
          className="field-input"
          value={ending}
          onChange={(e) => setEnding(e.target.value as EndingChoice)}
        >
          <option value="cr">{t.settings.endingCr}</option>
          <option value="lf">{t.settings.endingLf}</option>
          <option value="crlf">{t.settings.endingCrlf}</option>
          <option value="silence">{t.settings.endingSilence}</option>
        </select>
        {ending === 'silence' && (
          <>
            <label htmlFor={ids.silence}>{t.settings.silenceMs}</label>
            <input
              id={ids.silence}
              className="field-input"
              type="number"
              min={SILENCE_MS_RANGE.min}
              max={SILENCE_MS_RANGE.max}
              value={silenceMs}
              onChange={(e) => setSilenceMs(Number(e.target.value))}
              aria-invalid={!silenceValid || undefined}
              aria-describedby={`${ids.silence}-hint`}
            />
            <p id={`${ids.silence}-hint`} className={silenceValid ? 'hint' : 'status status-error'}>
              {fill(t.settings.silenceRange, SILENCE_MS_RANGE)}
            </p>
          </>
        )}
      </div>
      <fieldset className="usb-devices">
        <legend id={ids.usbTitle}>{t.settings.usbTitle}</legend>
        <p className="hint">{t.settings.usbHint}</p>
        {rows.map((row, index) => (
          <UsbDeviceRow
            key={index}
            n={index + 1}
            row={row}
            problem={problemText(problems[index])}
            onChange={(change) => update(index, change)}
            onRemove={() => setRows(rows.filter((_, i) => i !== index))}
          />
        ))}
        <button type="button" className="button" onClick={() => setRows([...rows, emptyUsbRow])}>
          {t.settings.addUsb}
        </button>
      </fieldset>
      <SaveStatus message={message} testId="serial-profile-status" />
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void save()}>
          {t.settings.saveSerial}
        </button>
      </div>
    </section>
  );
}

/** A baud rate picked from the standard rates; a saved rate from before the list existed stays selectable. */
function BaudSelect({
  label,
  saved,
  value,
  onChange,
}: {
  label: string;
  saved: number;
  value: number;
  onChange(rate: number): void;
}) {
  const id = useId();
  const rates = (SERIAL_BAUD_RATES as readonly number[]).includes(saved)
    ? SERIAL_BAUD_RATES
    : [...SERIAL_BAUD_RATES, saved].sort((a, b) => a - b);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} className="field-input" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {rates.map((rate) => (
          <option key={rate} value={rate}>
            {rate}
          </option>
        ))}
      </select>
    </>
  );
}

function UsbDeviceRow({
  n,
  row,
  problem,
  onChange,
  onRemove,
}: {
  n: number;
  row: UsbRow;
  problem: string | undefined;
  onChange(change: Partial<UsbRow>): void;
  onRemove(): void;
}) {
  const { t } = useKiosk();
  const id = useId();
  const name = fill(t.settings.usbRow, { n });
  return (
    <div className="usb-row" role="group" aria-label={name}>
      <label htmlFor={`${id}-vendor`}>{t.settings.usbVendor}</label>
      <input
        id={`${id}-vendor`}
        className="field-input"
        autoComplete="off"
        spellCheck={false}
        maxLength={4}
        value={row.vendorId}
        onChange={(e) => onChange({ vendorId: e.target.value.trim() })}
        aria-describedby={`${id}-problem`}
      />
      <label htmlFor={`${id}-product`}>{t.settings.usbProduct}</label>
      <input
        id={`${id}-product`}
        className="field-input"
        autoComplete="off"
        spellCheck={false}
        maxLength={4}
        value={row.productId}
        onChange={(e) => onChange({ productId: e.target.value.trim() })}
        aria-describedby={`${id}-problem`}
      />
      <label htmlFor={`${id}-maker`}>{t.settings.usbName}</label>
      <input
        id={`${id}-maker`}
        className="field-input"
        autoComplete="off"
        maxLength={80}
        value={row.maker}
        onChange={(e) => onChange({ maker: e.target.value })}
        aria-describedby={`${id}-problem`}
      />
      <label htmlFor={`${id}-kind`}>{t.settings.usbKind}</label>
      <select
        id={`${id}-kind`}
        className="field-input"
        value={row.kind}
        onChange={(e) => onChange({ kind: e.target.value === 'scanner' ? 'scanner' : 'modem' })}
      >
        <option value="modem">{t.settings.kindModem}</option>
        <option value="scanner">{t.settings.kindScanner}</option>
      </select>
      <p id={`${id}-problem`} className={problem ? 'status status-error' : 'hint'} aria-live="polite">
        {problem && (
          <>
            <span aria-hidden="true">✕ </span>
            {problem}
          </>
        )}
      </p>
      <button type="button" className="button" aria-label={fill(t.settings.removeUsb, { n })} onClick={onRemove}>
        {t.settings.removeType}
      </button>
    </div>
  );
}
