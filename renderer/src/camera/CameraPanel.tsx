/**
 * The camera scan view: live video with a guide box, camera choice and torch, and the result —
 * the confirmed IMEI, or a choice when the label carries two (IMEI 1 / IMEI 2).
 */
import { useEffect, useId, useRef } from 'react';
import { formatImei } from '../../../src/imei/format';
import type { ValidCandidate } from '../../../src/capture';
import type { CameraEngine } from '../../../src/capture/live-scan-settings';
import { fill, messages, type Language } from '../i18n/messages';
import { imeiErrorText } from '../i18n/problem-text';
import { cameraProblemText } from './camera-errors';
import { useBarcodeScanner, type ScannerStats } from './useBarcodeScanner';
import { useCamera } from './useCamera';
import './camera.css';

export interface CameraPanelProps {
  /** Called once per accepted IMEI (after two identical reads, or the operator's choice). */
  onImei(candidate: ValidCandidate): void;
  /** The decoder: zxing-wasm (default) or zxing-js. */
  engine?: CameraEngine;
  /** False stops the camera (e.g. while another step is on screen). */
  active?: boolean;
  /** The station's camera (Settings); default: the one last picked here, else the first. */
  preferredDeviceId?: string;
  /** Timings for diagnostics and the benchmark. */
  onStats?(stats: ScannerStats & { requestedAt?: number; liveAt?: number }): void;
  /** The kiosk's language; English where the panel runs on its own (the camera test page). */
  language?: Language;
}

export function CameraPanel({
  onImei,
  engine = 'wasm',
  active = true,
  preferredDeviceId,
  onStats,
  language = 'en',
}: CameraPanelProps) {
  const t = messages[language].camera;
  const videoRef = useRef<HTMLVideoElement>(null);
  const camera = useCamera(videoRef, active, preferredDeviceId);
  const scanner = useBarcodeScanner(videoRef, { engine, running: active && camera.status === 'live' });
  const selectId = useId();
  const { step } = scanner;
  const accepted = step.kind === 'accepted' ? step.candidate : undefined;

  useEffect(() => {
    if (accepted) onImei(accepted);
    // Once per accepted read, not whenever the parent passes a new onImei.
  }, [accepted]);

  useEffect(() => {
    onStats?.({ ...scanner.stats, requestedAt: camera.requestedAt, liveAt: camera.liveAt });
  }, [scanner.stats, camera.requestedAt, camera.liveAt, onStats]);

  return (
    <section className="camera-panel" aria-label={t.panel} data-testid="camera-panel">
      <div className="camera-viewport">
        <video ref={videoRef} className="camera-video" playsInline muted aria-hidden="true" />
        <div className="camera-guide" aria-hidden="true" />
      </div>

      <div className="camera-controls">
        {camera.devices.length > 1 && (
          <label htmlFor={selectId}>
            {t.choose}{' '}
            <select id={selectId} value={camera.deviceId ?? ''} onChange={(e) => camera.chooseDevice(e.target.value)}>
              {camera.devices.map((d) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {camera.torchAvailable && (
          <button type="button" aria-pressed={camera.torchOn} onClick={() => camera.setTorch(!camera.torchOn)}>
            {camera.torchOn ? t.lightOff : t.lightOn}
          </button>
        )}
      </div>

      <div
        className="camera-status"
        role="status"
        aria-live="polite"
        data-testid="camera-status"
        data-state={camera.status === 'error' ? 'error' : step.kind}
      >
        {camera.status === 'error' && camera.problem && (
          <div className="status status-error" data-problem={camera.problem.kind}>
            <p>{cameraProblemText(t, camera.problem)}</p>
            <button type="button" onClick={camera.retry}>
              {t.tryAgain}
            </button>
          </div>
        )}
        {camera.status === 'starting' && <p className="status status-hint">{t.starting}</p>}
        {camera.status === 'live' && step.kind === 'none' && <p className="status status-hint">{t.aim}</p>}
        {camera.status === 'live' && step.kind === 'not_imei' && (
          <p className="status status-error">
            {step.reasons[0]
              ? fill(t.notImei, { reason: imeiErrorText(language, step.reasons[0].error, step.reasons[0].text) })
              : t.notImeiPlain}
          </p>
        )}
        {scanner.workerError && (
          <p className="status status-error">{fill(t.decoderFailed, { error: scanner.workerError })}</p>
        )}
        {accepted && (
          <div className="status status-ok">
            <p>
              {t.scanned} <strong data-testid="camera-imei">{formatImei(accepted.imei)}</strong>
              {accepted.label ? ` (${accepted.label})` : ''}
            </p>
            <button type="button" onClick={scanner.reset}>
              {t.scanAnother}
            </button>
          </div>
        )}
        {step.kind === 'choose' && (
          <fieldset className="camera-picker" data-testid="camera-picker">
            <legend>{fill(t.pick, { n: step.candidates.length })}</legend>
            {step.candidates.map((c) => (
              <button key={c.imei} type="button" onClick={() => onImei(c)}>
                {c.label ?? t.imei}: {formatImei(c.imei)}
              </button>
            ))}
            <button type="button" onClick={scanner.reset}>
              {t.scanAgain}
            </button>
          </fieldset>
        )}
      </div>
    </section>
  );
}
