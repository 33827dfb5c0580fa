/**
 * The camera scan view: live video with a guide box, camera choice and torch, and the result —
 * the confirmed IMEI, or a choice when the label carries two (IMEI 1 / IMEI 2).
 */
import { useEffect, useId, useRef } from 'react';
import { formatImei } from '../../../src/imei/format';
import type { ValidCandidate } from '../../../src/capture';
import type { CameraEngine } from '../../../src/capture/live-scan-settings';
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
}

export function CameraPanel({ onImei, engine = 'wasm', active = true, preferredDeviceId, onStats }: CameraPanelProps) {
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
    <section className="camera-panel" aria-label="Camera scan" data-testid="camera-panel">
      <div className="camera-viewport">
        <video ref={videoRef} className="camera-video" playsInline muted aria-hidden="true" />
        <div className="camera-guide" aria-hidden="true" />
      </div>

      <div className="camera-controls">
        {camera.devices.length > 1 && (
          <label htmlFor={selectId}>
            Camera{' '}
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
            {camera.torchOn ? 'Light off' : 'Light on'}
          </button>
        )}
      </div>

      <div className="camera-status" role="status" aria-live="polite" data-testid="camera-status" data-state={camera.status === 'error' ? 'error' : step.kind}>
        {camera.status === 'error' && camera.problem && (
          <div className="status status-error" data-problem={camera.problem.kind}>
            <p>{camera.problem.message}</p>
            <button type="button" onClick={camera.retry}>
              Try again
            </button>
          </div>
        )}
        {camera.status === 'starting' && <p className="status status-hint">Starting the camera…</p>}
        {camera.status === 'live' && step.kind === 'none' && (
          <p className="status status-hint">Hold the IMEI barcode inside the box, level and still.</p>
        )}
        {camera.status === 'live' && step.kind === 'not_imei' && (
          <p className="status status-error">
            That barcode is not an IMEI{step.reasons[0] ? `: ${step.reasons[0].error.message}` : '.'}
          </p>
        )}
        {scanner.workerError && <p className="status status-error">The barcode decoder failed: {scanner.workerError}</p>}
        {accepted && (
          <div className="status status-ok">
            <p>
              Scanned IMEI <strong data-testid="camera-imei">{formatImei(accepted.imei)}</strong>
              {accepted.label ? ` (${accepted.label})` : ''}
            </p>
            <button type="button" onClick={scanner.reset}>
              Scan another
            </button>
          </div>
        )}
        {step.kind === 'choose' && (
          <fieldset className="camera-picker" data-testid="camera-picker">
            <legend>This label has {step.candidates.length} IMEIs. Which one is this device?</legend>
            {step.candidates.map((c) => (
              <button key={c.imei} type="button" onClick={() => onImei(c)}>
                {c.label ?? 'IMEI'}: {formatImei(c.imei)}
              </button>
            ))}
            <button type="button" onClick={scanner.reset}>
              Scan again
            </button>
          </fieldset>
        )}
      </div>
    </section>
  );
}
