import { describe, expect, it } from 'vitest';
import { validate } from '../../src/imei/validate.js';
import { IpcCallError } from '../../src/ipc/wire.js';
import {
  CAMERA_PROBLEM_KINDS,
  cameraProblemText,
  describeCameraError,
} from '../../renderer/src/camera/camera-errors.js';
import { fill, messages, type Language } from '../../renderer/src/i18n/messages.js';
import { placeholderNames } from '../../src/messages/index.js';
import {
  callErrorText,
  imeiErrorText,
  jobReasonText,
  orderRowText,
  problemText,
} from '../../renderer/src/i18n/problem-text.js';
import { leaves } from '../support/text-leaves.js';

const LANGUAGES = Object.keys(messages) as Language[];

/** The engine's kinds are proven against the catalogue in message-catalogue.test.ts; here, the assembled tables. */
describe('the messages tables', () => {
  it('have a text for every camera problem kind', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(messages[language].camera.problems).sort(), language).toEqual(
        [...CAMERA_PROBLEM_KINDS].sort(),
      );
    }
  });

  it('use the same {placeholders} in every language as in English, for every text', () => {
    const english = new Map(leaves(messages.en));
    for (const language of LANGUAGES) {
      const translated = leaves(messages[language]);
      expect(translated.map(([path]) => path).sort(), language).toEqual([...english.keys()].sort());
      const differing = translated
        .filter(([path, text]) => placeholderNames(text).join() !== placeholderNames(english.get(path)!).join())
        .map(
          ([path, text]) =>
            `${path}: ${placeholderNames(text).join()} vs ${placeholderNames(english.get(path)!).join()}`,
        );
      expect(differing, language).toEqual([]);
    }
  });
});

describe('problemText', () => {
  const queued = {
    kind: 'server_error',
    message: 'Validic answered 503 while connecting the device.',
    nextAction: 'Validic had a server error; the call is retried automatically.',
  };

  it('shows the engine’s own words in English', () => {
    expect(problemText('en', queued)).toEqual({ message: queued.message, nextAction: queued.nextAction });
  });

  it('says a known kind in Spanish, with its values', () => {
    expect(problemText('es', queued)).toEqual(messages.es.problems.server_error);
    const held = problemText('es', {
      kind: 'held_by_other_patient',
      message: 'x',
      nextAction: 'y',
      params: { imeiLast4: '7518', otherLast4: '1111' },
    });
    expect(held.message).toBe('El IMEI …7518 está conectado a otro paciente (…1111).');
  });

  it('falls back to the engine’s English for a kind it does not know, or when a value is missing', () => {
    const newer = { kind: 'something_new', message: 'A newer engine says so.', nextAction: 'Do this.' };
    expect(problemText('es', newer)).toEqual({ message: newer.message, nextAction: newer.nextAction });
    expect(problemText('es', { kind: 'toString', message: 'm', nextAction: 'n' })).toEqual({
      message: 'm',
      nextAction: 'n',
    });
    expect(
      problemText('es', { kind: 'second_device', message: 'Patient PAT-1 already has one.', nextAction: 'Confirm.' }),
    ).toEqual({ message: 'Patient PAT-1 already has one.', nextAction: 'Confirm.' });
  });

  it('says a job’s reason in Spanish when it has a kind, and an older job’s reason as it was written', () => {
    const job = { reason: 'Validic answered 503.', reasonKind: 'server_error', nextAction: undefined };
    expect(jobReasonText('es', job)).toEqual({ reason: messages.es.problems.server_error.message });
    expect(jobReasonText('es', { reason: 'Validic answered 503.' })).toEqual({ reason: 'Validic answered 503.' });
  });
});

describe('callErrorText', () => {
  /** As the renderer gets it through contextBridge: only the message survives. */
  const refusal = (code: string, params: Record<string, string | number> | undefined, message: string) =>
    new Error(
      new IpcCallError({
        code: 'refused',
        channel: 'jobs.cancel',
        message,
        refusal: { code, ...(params ? { params } : {}) },
      }).message,
    );

  it('says a refusal in Spanish, a job state in Spanish too', () => {
    const error = refusal(
      'job_not_cancellable',
      { state: 'verified' },
      'This job is verified and cannot be cancelled. To undo a connection, use Disconnect.',
    );
    expect(callErrorText('es', error)).toBe(
      'Este trabajo está en estado «Conectado y verificado» y no se puede cancelar. Para deshacer una conexión, use Desconectar.',
    );
    expect(callErrorText('en', error)).toBe(
      'This job is verified and cannot be cancelled. To undo a connection, use Disconnect.',
    );
  });

  it('shows an unknown refusal code and any other error in the engine’s words, without the IPC prefix', () => {
    expect(callErrorText('es', refusal('brand_new', undefined, 'Something new.'))).toBe('Something new.');
    expect(callErrorText('es', new Error('something odd'))).toBe('something odd');
  });

  it('says what to do after a call that failed other than by a refusal, in the operator’s language', () => {
    const failed = new Error('handler_failed: jobs.cancel: The engine could not complete this request.');
    expect(callErrorText('en', failed)).toBe(
      'The kiosk engine could not complete this. Try again; if it happens again, call IT and say what time it happened.',
    );
    expect(callErrorText('es', failed)).toMatch(/^El motor del quiosco no pudo completar esto\. .*llame a TI/);
    expect(callErrorText('en', new Error('invalid_request: session.signIn: a PIN is 4 to 12 digits'))).toBe(
      'The kiosk did not accept what was entered: a PIN is 4 to 12 digits. Check the fields and try again.',
    );
  });
});

describe('order rows, IMEI errors and camera problems', () => {
  it('say an order row’s problem in Spanish from its kind and values', () => {
    const row = {
      reason: 'unknown device type "toaster"; expected one of: bpm',
      kind: 'unknown_device_type',
      params: { deviceType: 'toaster', allowed: 'bpm' },
    };
    expect(orderRowText('es', row)).toBe('tipo de dispositivo desconocido "toaster"; se espera uno de: bpm');
    expect(orderRowText('en', row)).toBe(row.reason);
    expect(orderRowText('es', { reason: 'older engine' })).toBe('older engine');
  });

  it('say an IMEI error in Spanish, naming the characters at fault', () => {
    const result = validate('49O1542O3237518');
    if (result.ok) throw new Error('expected an invalid IMEI');
    expect(imeiErrorText('es', result.error, '49O1542O3237518')).toBe(
      'Un IMEI solo tiene dígitos. Se encontró "O" en la posición 3, "O" en la posición 8. Escanee el código IMEI otra vez o escríbalo con dígitos 0-9.',
    );
    expect(imeiErrorText('en', result.error, '49O1542O3237518')).toBe(result.error.message);
  });

  it('say a camera problem in the kiosk’s language', () => {
    const denied = describeCameraError(new DOMException('denied', 'NotAllowedError'));
    expect(cameraProblemText(messages.en.camera, denied)).toMatch(/not allowed to use the camera/);
    expect(cameraProblemText(messages.es.camera, denied)).toMatch(/no tiene permiso para usar la cámara/);
    expect(cameraProblemText(messages.es.camera, describeCameraError(new Error('boom')))).toBe(
      'La cámara no pudo iniciarse (boom). Pulse Reintentar o use el lector de mano.',
    );
  });

  it('say plurals as words, never "(s)", in every language', () => {
    for (const language of LANGUAGES) {
      const bad = leaves(messages[language]).filter(([, text]) => /\(s\)|\(es\)|vez\/veces/.test(text));
      expect(bad, language).toEqual([]);
    }
    expect(fill(messages.en.disconnect.done, { n: 1, uid: 'P-1', list: 'IMEI …0998 (Glucose meter)' })).toBe(
      'Disconnected 1 device from patient P-1: IMEI …0998 (Glucose meter).',
    );
    expect(fill(messages.en.disconnect.done, { n: 2, uid: 'P-1', list: 'a, b' })).toBe(
      'Disconnected 2 devices from patient P-1: a, b.',
    );
    expect(fill(messages.es.disconnect.done, { n: 1, uid: 'P-1', list: 'x' })).toBe(
      'Se desconectó 1 dispositivo del paciente P-1: x.',
    );
    expect(fill(messages.es.onboard.typeFromModel, { tac: '35693803', n: 3 })).toContain('se conectó 3 veces aquí');
    expect(fill(messages.en.onboard.typeFromModel, { tac: '35693803', n: 1 })).toContain('as this type once here');
    // A refusal with a count, said in Spanish through the same plural rule.
    const refusal = new Error(
      'refused: settings.update: [device_type_in_use?label=Scale&id=weight_scale&openJobs=1&batchOrders=2] older text',
    );
    expect(callErrorText('es', refusal)).toContain('1 trabajo abierto y 2 pedidos');
  });

  it('name the tab and the action differently in Spanish, and "assumed" in words', () => {
    expect(messages.es.nav.onboard).not.toMatch(/^Conectar/);
    expect(messages.es.onboard.confirm).toMatch(/^Conectar/);
    expect(messages.en.settings.assumed).not.toMatch(/assumed/i);
    expect(messages.es.settings.assumed).not.toMatch(/supuesto/i);
  });
});
