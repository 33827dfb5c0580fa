/**
 * The message catalogue (src/messages): a text for every kind the engine can emit, in every
 * language, with the same placeholders, each one a value the engine sends with that kind.
 */
import { describe, expect, it } from 'vitest';
import { CROSS_CHECK_KINDS, type CrossCheckKind } from '../../src/capture/cross-check.js';
import { REJECTED_SCAN_KINDS, type RejectedScanKind } from '../../src/app/serial/serial-offers.js';
import { DEVICE_TYPE_PROBLEM_KINDS } from '../../src/config/device-type-id.js';
import { AppModeSchema, ImeiErrorKindSchema } from '../../src/ipc/schemas.js';
import { IpcErrorCodeSchema, REFUSAL_CODES, type IpcErrorCode, type RefusalCode } from '../../src/ipc/wire.js';
import { JOB_STATES, type JobState } from '../../src/ledger/records.js';
import { problemAreas } from '../../src/messages/en/index.js';
import {
  catalogues,
  englishOrderRow,
  englishProblem,
  englishText,
  LANGUAGES,
  placeholderNames,
  renderMessage,
  renderOrderRow,
  type MessageText,
} from '../../src/messages/index.js';
import { ONBOARDING_PROBLEM_KINDS, type ProblemKind } from '../../src/onboarding/problems.js';
import { ORDER_ROW_ERROR_KINDS, type OrderRowErrorKind } from '../../src/onboarding/orders-csv.js';
import { SERIAL_ERROR_KINDS, type SerialErrorKind } from '../../src/serial/errors.js';
import { SERIAL_PROFILE_PROBLEM_KINDS } from '../../src/serial/serial-profile.js';
import { VALIDIC_ERROR_KINDS } from '../../src/validic/errors.js';
import {
  crossCheckSamples,
  deviceTypeSamples,
  onboardingSamples,
  orderRowSamples,
  serialErrorSamples,
  serialProfileSamples,
  validicNextActions,
  type EngineSample,
} from '../support/engine-message-samples.js';
import { leaves } from '../support/text-leaves.js';

// Compile-time: English has a text for every kind the engine's types allow (a missing one fails tsc).
const everyProblemKind: Readonly<
  Record<RefusalCode | ProblemKind | SerialErrorKind | CrossCheckKind | RejectedScanKind, MessageText>
> = catalogues.en.problems;
const everyOrderRowKind: Readonly<Record<OrderRowErrorKind, string>> = catalogues.en.orderRows;
const everyState: Readonly<Record<JobState, string>> = catalogues.en.states;
const everyCallError: Readonly<Record<Exclude<IpcErrorCode, 'refused'>, MessageText>> = catalogues.en.callErrors;

/** Every kind a problem, a job reason or a refusal can carry, from the engine's own lists. */
const ENGINE_KIND_LISTS = {
  validic: VALIDIC_ERROR_KINDS,
  onboarding: ONBOARDING_PROBLEM_KINDS,
  crossCheck: CROSS_CHECK_KINDS,
  serial: SERIAL_ERROR_KINDS,
  rejectedScan: REJECTED_SCAN_KINDS,
  refusal: REFUSAL_CODES,
} as const;
const ENGINE_KINDS: readonly string[] = Object.values(ENGINE_KIND_LISTS).flat();

describe('the message catalogue', () => {
  it('has, in every language, a text for exactly the kinds the engine emits', () => {
    expect(Object.keys(everyProblemKind).length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      const t = catalogues[language];
      expect(Object.keys(t.problems).sort(), language).toEqual([...ENGINE_KINDS].sort());
      expect(Object.keys(t.orderRows).sort(), language).toEqual([...ORDER_ROW_ERROR_KINDS].sort());
      expect(Object.keys(t.states).sort(), language).toEqual([...JOB_STATES].sort());
      // A job of an older journal has no mode: the engine sends "unknown".
      expect(Object.keys(t.modeNames).sort(), language).toEqual([...AppModeSchema.options, 'unknown'].sort());
      expect(Object.keys(t.callErrors).sort(), language).toEqual(
        IpcErrorCodeSchema.options.filter((code) => code !== 'refused').sort(),
      );
      expect(
        ImeiErrorKindSchema.options.filter((kind) => !Object.hasOwn(t.imeiErrors, kind)),
        language,
      ).toEqual([]);
    }
    expect(Object.keys(everyOrderRowKind)).toHaveLength(ORDER_ROW_ERROR_KINDS.length);
    expect(Object.keys(everyState)).toHaveLength(JOB_STATES.length);
    expect(Object.keys(everyCallError)).toHaveLength(IpcErrorCodeSchema.options.length - 1);
  });

  it('never needs one text for two meanings: the engine’s kind lists do not overlap', () => {
    const seen = new Map<string, string>();
    const shared: string[] = [];
    for (const [list, kinds] of Object.entries(ENGINE_KIND_LISTS)) {
      for (const kind of kinds) {
        if (seen.has(kind)) shared.push(`${kind} (${seen.get(kind)} and ${list})`);
        seen.set(kind, list);
      }
    }
    expect(shared).toEqual([]);
  });

  it('writes each kind in one area only (a spread would hide the second)', () => {
    const counted = Object.values(problemAreas).flatMap((area) => Object.keys(area));
    expect(counted.length).toBe(new Set(counted).size);
    expect(counted.length).toBe(Object.keys(catalogues.en.problems).length);
  });

  it('uses the same placeholders in every language as in English', () => {
    const english = new Map(leaves(catalogues.en));
    for (const language of LANGUAGES) {
      const differing = leaves(catalogues[language])
        .filter(([path, text]) => placeholderNames(text).join() !== placeholderNames(english.get(path)!).join())
        .map(([path]) => path);
      expect(differing, language).toEqual([]);
    }
  });

  it('asks no value of a Validic error or a serial read failure, which carry none', () => {
    const kinds: readonly string[] = [...VALIDIC_ERROR_KINDS, ...SERIAL_ERROR_KINDS];
    for (const language of LANGUAGES) {
      const needing = kinds.filter((kind) => {
        const text = catalogues[language].problems[kind as keyof typeof catalogues.en.problems];
        return placeholderNames(text.message + text.nextAction).length > 0;
      });
      expect(needing, language).toEqual([]);
    }
  });

  it('needs only values the engine sends: every refusal and order row the pure rules emit renders in every language', () => {
    const refusals: EngineSample[] = [
      ...deviceTypeSamples(),
      ...serialProfileSamples(),
      ...crossCheckSamples(),
      ...onboardingSamples(),
    ];
    const rows = orderRowSamples();
    // The samples reach every kind they stand for.
    expect(new Set(rows.map((row) => row.kind)).size).toBe(ORDER_ROW_ERROR_KINDS.length);
    for (const language of LANGUAGES) {
      const unrendered = [
        ...refusals.filter((s) => renderMessage(language, s.kind, s.params) === undefined),
        ...rows.filter((s) => renderOrderRow(language, s.kind, s.params) === undefined),
      ].map((s) => `${s.kind} ${JSON.stringify(s.params)}`);
      expect(unrendered, language).toEqual([]);
    }
  });
});

describe('the engine’s English', () => {
  it('is the catalogue’s, word for word: every refusal and problem the pure rules emit', () => {
    const samples: EngineSample[] = [
      ...deviceTypeSamples(),
      ...serialProfileSamples(),
      ...crossCheckSamples(),
      ...onboardingSamples(),
      ...serialErrorSamples(),
    ];
    // Every kind the samples stand for is reached (a rule that stopped emitting one would hide here).
    expect(new Set(samples.map((s) => s.kind))).toEqual(
      new Set([
        ...DEVICE_TYPE_PROBLEM_KINDS,
        ...SERIAL_PROFILE_PROBLEM_KINDS,
        ...CROSS_CHECK_KINDS,
        'waiting_for_mode',
        'waiting_without_mode',
        'cancelled',
        'queued',
        'disconnected',
        'port_not_found',
        'permission_denied',
        'port_busy',
        'not_a_serial_port',
        'open_failed',
      ]),
    );
    const drifted = samples.filter((s) => {
      const english = renderMessage('en', s.kind, s.params);
      return english?.message !== s.message || english.nextAction !== s.nextAction;
    });
    expect(drifted.map((s) => `${s.kind}: ${s.message}`)).toEqual([]);
  });

  it('is the catalogue’s for every bad row of an orders file', () => {
    const drifted = orderRowSamples().filter((s) => renderOrderRow('en', s.kind, s.params) !== s.message);
    expect(drifted.map((s) => `${s.kind}: ${s.message}`)).toEqual([]);
  });

  it('gives every Validic error the catalogue’s next action', () => {
    for (const { kind, nextAction } of validicNextActions()) {
      expect(nextAction, kind).toBe(renderMessage('en', kind)?.nextAction);
    }
  });
});

describe('renderMessage', () => {
  it('says a kind in the language asked, a job state in words', () => {
    expect(renderMessage('es', 'job_not_cancellable', { state: 'verified' })?.message).toBe(
      'Este trabajo está en estado «Conectado y verificado» y no se puede cancelar.',
    );
    expect(renderMessage('en', 'held_by_other_patient', { imeiLast4: '7518', otherLast4: '1111' })).toEqual({
      message: 'IMEI …7518 is connected to another patient (…1111).',
      nextAction: 'A supervisor can override: it is disconnected from the other patient first, then connected here.',
    });
  });

  it('says the kiosk’s modes in words, in the language asked', () => {
    expect(renderMessage('es', 'waiting_for_mode', { mode: 'training', now: 'production' })?.message).toBe(
      'Este trabajo se hizo en modo entrenamiento y el quiosco está en modo producción: espera a su propio modo.',
    );
    expect(renderMessage('en', 'mode_switch_cancelled', { mode: 'production', to: 'training' })?.message).toBe(
      'Cancelled when the kiosk switched from production to training mode.',
    );
  });

  it('answers undefined for a kind it does not know, an inherited name, or a missing value', () => {
    expect(renderMessage('es', 'something_new')).toBeUndefined();
    expect(renderMessage('es', 'toString')).toBeUndefined();
    expect(renderMessage('es', 'second_device', { uid: 'PAT-1' })).toBeUndefined();
    // A plural's value counts as needed too.
    expect(renderMessage('en', 'batch_type_mismatch', { uid: 'P', orderType: 'a', tac: '1', modelType: 'b' })).toBe(
      undefined,
    );
  });
});

describe('englishText', () => {
  it('is the engine’s English for a kind, with its values and a job state in words', () => {
    expect(englishText('pins_locked', { seconds: 30 })).toEqual({
      message: 'Too many wrong PINs: PINs are locked for 30 s.',
      nextAction: 'Wait, then try again. If you forgot the PIN, ask a supervisor.',
    });
    expect(englishText('job_not_cancellable', { state: 'needs_attention' }).message).toBe(
      'This job is in the state “Needs attention” and cannot be cancelled.',
    );
    expect(
      englishText('batch_type_mismatch', { uid: 'P-1', orderType: 'a', tac: '35', modelType: 'b', seen: 1 }),
    ).toEqual(expect.objectContaining({ message: expect.stringMatching(/connected as b once here\.$/) }));
    // A Validic kind needs no value, so its next action replaces validic/errors.ts's own table.
    expect(englishText('rate_limited', {}).nextAction).toBe(
      'Wait for the hourly call budget to reset; queued work resumes by itself.',
    );
  });

  it('checks the values at compile time and leaves a missing one visible at run time', () => {
    // @ts-expect-error: pins_locked needs {seconds}
    expect(englishText('pins_locked', {}).message).toBe('Too many wrong PINs: PINs are locked for {seconds} s.');
    // @ts-expect-error: not a kind of the catalogue
    expect(() => englishText('no_such_kind', {})).toThrow();
  });

  it('hands on a problem whole: kind, English words and the params other languages need', () => {
    expect(englishProblem('second_device', { uid: 'PAT-1', imeiLast4: '7518' })).toEqual({
      kind: 'second_device',
      message: 'Patient PAT-1 already has a device of this type (IMEI …7518).',
      nextAction: expect.stringMatching(/^Connect this one too only if/),
      params: { uid: 'PAT-1', imeiLast4: '7518' },
    });
  });

  it('says an order row in English from its kind and values', () => {
    expect(englishOrderRow('duplicate_order_ref', { orderRef: 'R1', firstRow: 2 })).toBe(
      'the order reference "R1" is already used on row 2',
    );
    expect(englishOrderRow('field_count', { found: 1, expected: 2 })).toBe('1 field, but the header has 2');
  });
});
