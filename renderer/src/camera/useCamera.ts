/**
 * The camera stream: device choice (remembered), 1280×720, torch where the camera has one, and the
 * stream stopped whenever the view is hidden or unmounted, so the camera light goes off.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { CAMERA_NOT_SUPPORTED, describeCameraError, type CameraProblem } from './camera-errors';
import { CAPTURE_SIZE } from '../../../src/capture/live-scan-settings';

const STORAGE_KEY = 'imei-kiosk.camera.deviceId';

export interface CameraDevice {
  readonly deviceId: string;
  readonly label: string;
}

export interface CameraState {
  readonly status: 'starting' | 'live' | 'stopped' | 'error';
  readonly problem?: CameraProblem;
  readonly devices: readonly CameraDevice[];
  readonly deviceId?: string;
  readonly torchAvailable: boolean;
  readonly torchOn: boolean;
  /** performance.now() when the stream was requested and when the video first had a frame. */
  readonly requestedAt?: number;
  readonly liveAt?: number;
}

export interface CameraControls extends CameraState {
  chooseDevice(deviceId: string): void;
  setTorch(on: boolean): void;
  retry(): void;
}

function rememberedDevice(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function remember(deviceId: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, deviceId);
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}

function torchCapable(track: MediaStreamTrack | undefined): boolean {
  const capabilities = track?.getCapabilities?.() as (MediaTrackCapabilities & { torch?: boolean }) | undefined;
  return capabilities?.torch === true;
}

/**
 * `preferredDeviceId`: the station's camera from Settings; it wins over the one remembered from the
 * picker, and a missing one falls back to any camera like a remembered one does.
 */
export function useCamera(
  videoRef: RefObject<HTMLVideoElement | null>,
  active = true,
  preferredDeviceId?: string,
): CameraControls {
  const [state, setState] = useState<CameraState>({
    status: 'starting',
    devices: [],
    torchAvailable: false,
    torchOn: false,
  });
  // The camera asked for (remembered across restarts); state.deviceId is the one actually streaming.
  const [wanted, setWanted] = useState<string | undefined>(() => preferredDeviceId || rememberedDevice());
  const [attempt, setAttempt] = useState(0);
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  const streamRef = useRef<MediaStream | undefined>(undefined);

  useEffect(() => {
    const onVisibility = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  useEffect(() => {
    if (!active || !visible) {
      setState((s) => ({ ...s, status: 'stopped' }));
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      setState((s) => ({ ...s, status: 'error', problem: CAMERA_NOT_SUPPORTED }));
      return;
    }
    let cancelled = false;
    const requestedAt = performance.now();
    setState((s) => ({ ...s, status: 'starting', problem: undefined, requestedAt, liveAt: undefined }));

    const video: MediaTrackConstraints = {
      width: { ideal: CAPTURE_SIZE.width },
      height: { ideal: CAPTURE_SIZE.height },
    };
    const open = (deviceId: string | undefined) =>
      navigator.mediaDevices.getUserMedia({
        audio: false,
        video: deviceId ? { ...video, deviceId: { exact: deviceId } } : video,
      });

    (async () => {
      let stream: MediaStream;
      try {
        stream = await open(wanted);
      } catch (error) {
        // The remembered camera is gone (unplugged, replaced): fall back to any camera.
        if (
          wanted &&
          error instanceof DOMException &&
          (error.name === 'OverconstrainedError' || error.name === 'NotFoundError')
        ) {
          stream = await open(undefined);
        } else throw error;
      }
      if (cancelled) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      streamRef.current = stream;
      const track = stream.getVideoTracks()[0];
      const devices = (await navigator.mediaDevices.enumerateDevices())
        .filter((d) => d.kind === 'videoinput')
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
      const element = videoRef.current;
      if (element) {
        element.srcObject = stream;
        element.muted = true;
        await element.play().catch(() => undefined);
      }
      if (cancelled) return;
      setState((s) => ({
        ...s,
        status: 'live',
        devices,
        deviceId: track?.getSettings().deviceId ?? s.deviceId,
        torchAvailable: torchCapable(track),
        torchOn: false,
        liveAt: performance.now(),
      }));
    })().catch((error: unknown) => {
      if (!cancelled) setState((s) => ({ ...s, status: 'error', problem: describeCameraError(error) }));
    });

    return () => {
      cancelled = true;
      streamRef.current?.getTracks().forEach((t) => t.stop());
      streamRef.current = undefined;
      if (videoRef.current) videoRef.current.srcObject = null;
    };
  }, [active, visible, wanted, attempt, videoRef]);

  const chooseDevice = useCallback((deviceId: string) => {
    remember(deviceId);
    setWanted(deviceId);
  }, []);

  const setTorch = useCallback((on: boolean) => {
    const track = streamRef.current?.getVideoTracks()[0];
    if (!track || !torchCapable(track)) return;
    track
      .applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] })
      .then(() => setState((s) => ({ ...s, torchOn: on })))
      .catch(() => setState((s) => ({ ...s, torchAvailable: false, torchOn: false })));
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { ...state, chooseDevice, setTorch, retry };
}
