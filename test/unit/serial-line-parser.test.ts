/**
 * The pure half of the serial readers: bytes → lines (capped), lines → AT meaning, info lines →
 * IMEI. Property tests feed garbage and check that no IMEI is ever invented from it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, validate } from '../../src/imei/index.js';
import { classifyAtLine, identityFromAti, imeiFromInfoLines } from '../../src/serial/at-response.js';
import { isCleanLine, LineSplitter, type SplitItem } from '../../src/serial/line-splitter.js';

const IMEI = '490154203237518';

const lines = (items: readonly SplitItem[]) => items.flatMap((i) => (i.type === 'line' ? [i.text] : []));

/** What the modem reader does with a reply to AT+CGSN: split, classify, pick the number, validate. */
function imeiFromReply(bytes: Buffer, command = 'AT+CGSN'): string | undefined {
  const info = lines(new LineSplitter(512).push(bytes))
    .map((line) => classifyAtLine(line, command))
    .flatMap((l) => (l.type === 'info' ? [l.text] : []));
  const found = imeiFromInfoLines(info);
  if (found.type !== 'number') return undefined;
  const checked = validate(found.digits);
  return checked.ok ? checked.imei : undefined;
}

const randomImei = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 })
  .map((digits) => digits.join(''))
  .map((body) => body + luhnCheckDigit(body))
  .filter((imei) => validate(imei).ok);

describe('LineSplitter', () => {
  it('ends lines at CR, LF or CRLF and skips the empty pieces', () => {
    expect(lines(new LineSplitter().push('a\rb\nc\r\nd\r\n\r\n'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps an unterminated tail until its terminator arrives, and reset() drops it', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('4901542')).toEqual([]);
    expect(lines(splitter.push('03237518\r\n'))).toEqual([IMEI]);
    splitter.push('12345');
    splitter.reset();
    expect(lines(splitter.push('67\r'))).toEqual(['67']);
  });

  it('drops an overlong line whole and reports its length', () => {
    const splitter = new LineSplitter(20);
    expect(splitter.push(`${'9'.repeat(30)}${IMEI}\r\n${IMEI}\r\n`)).toEqual([
      { type: 'overlong', length: 45 },
      { type: 'line', text: IMEI },
    ]);
  });

  it('gives the same lines however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(400), { maxLength: 8 }), (bytes, cuts) => {
        const whole = new LineSplitter(64).push(Buffer.from(bytes));
        const chunked = new LineSplitter(64);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const pieces: SplitItem[] = [];
        let from = 0;
        for (const to of [...points, bytes.length]) {
          pieces.push(...chunked.push(Buffer.from(bytes.slice(from, to))));
          from = to;
        }
        expect(pieces).toEqual(whole);
      }),
    );
  });

  it('never emits a line longer than the cap or containing CR/LF', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 1, max: 100 }), (bytes, cap) => {
        for (const text of lines(new LineSplitter(cap).push(Buffer.from(bytes)))) {
          expect(text.length).toBeLessThanOrEqual(cap);
          expect(text).not.toMatch(/[\r\n]/);
        }
      }),
    );
  });
});

describe('classifyAtLine', () => {
  it.each([
    ['OK', 'AT+CGSN', 'ok'],
    ['ERROR', 'AT+CGSN', 'error'],
    ['+CME ERROR: operation not supported', 'AT+CGSN', 'error'],
    ['+CMS ERROR: 500', 'AT+CGSN', 'error'],
    ['AT+CGSN', 'AT+CGSN', 'echo'],
    ['at+cgsn', 'AT+CGSN', 'echo'],
    ['RDY', 'AT+CGSN', 'urc'],
    ['^SYSSTART', 'AT+CGSN', 'urc'],
    ['+CREG: 0,2', 'AT+CGSN', 'urc'],
    ['+CPIN: READY', 'ATI', 'urc'],
    ['+QIND: "csq",15,99', 'AT+CGSN', 'urc'],
    ['+CGSN: "490154203237518"', 'AT+CGSN=1', 'info'],
    ['#CGSN: 490154203237518', 'AT+CGSN', 'info'],
    ['+GSN: "490154203237518"', 'AT+GSN', 'info'],
    [IMEI, 'AT+CGSN', 'info'],
    ['Manufacturer: u-blox', 'ATI', 'info'],
    ['49015\u00c7203237518', 'AT+CGSN', 'noise'],
  ])('%j while %s is pending → %s', (line, command, type) => {
    expect(classifyAtLine(line, command).type).toBe(type);
  });
});

describe('imeiFromInfoLines', () => {
  it.each([
    [IMEI],
    [`"${IMEI}"`],
    [`+CGSN: ${IMEI}`],
    [`+CGSN: "${IMEI}"`],
    [`#CGSN: ${IMEI}`],
    [`+GSN: "${IMEI}"`],
    [`+cgsn:"${IMEI}"`],
  ])('finds the number in %j', (line) => {
    expect(imeiFromInfoLines([line])).toMatchObject({ type: 'number', digits: IMEI });
  });

  it('reports two different numbers as ambiguous, and ignores numbers inside other text', () => {
    expect(imeiFromInfoLines([IMEI, '356938035643809'])).toEqual({
      type: 'ambiguous',
      numbers: [IMEI, '356938035643809'],
    });
    expect(imeiFromInfoLines([`IMEI: ${IMEI}`, `x${IMEI}`, `${IMEI}0000`])).toEqual({ type: 'none' });
  });
});

describe('identityFromAti', () => {
  it('reads the bare form (Quectel) and the keyed form (u-blox, SIMCom), never the IMEI line', () => {
    expect(identityFromAti(['Quectel', 'EC25', 'Revision: EC25EFAR06A06M4G'])).toEqual({
      manufacturer: 'Quectel',
      model: 'EC25',
    });
    expect(identityFromAti(['Manufacturer: SIMCOM INCORPORATED', 'Model: SIMCOM_SIM7600E-H', `IMEI: ${IMEI}`])).toEqual(
      {
        manufacturer: 'SIMCOM INCORPORATED',
        model: 'SIMCOM_SIM7600E-H',
      },
    );
    expect(identityFromAti([])).toEqual({ manufacturer: null, model: null });
  });
});

describe('garbage never becomes an IMEI (modem replies)', () => {
  it('finds the IMEI among echo, URCs and noise in any order', () => {
    const filler = fc.constantFrom(
      'AT+CGSN',
      'RDY',
      '+CREG: 0,5',
      '^SYSSTART',
      '+CPIN: READY',
      '\u00ff\u00fe\u0080',
      '',
    );
    fc.assert(
      fc.property(
        randomImei,
        fc.array(filler, { maxLength: 6 }),
        fc.array(filler, { maxLength: 6 }),
        (imei, before, after) => {
          const reply = [...before, imei, ...after, 'OK'].map((l) => `\r\n${l}\r\n`).join('');
          expect(imeiFromReply(Buffer.from(reply, 'latin1'))).toBe(imei);
        },
      ),
    );
  });

  it('random bytes never yield an IMEI unless that exact line is in them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const found = imeiFromReply(Buffer.from(bytes));
        if (found !== undefined) expect(Buffer.from(bytes).toString('latin1')).toContain(found);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a corrupted byte, a cut-off line, an overlong line or wrong-baud noise around the IMEI yields nothing', () => {
    fc.assert(
      fc.property(
        randomImei,
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0x80, max: 0xff }),
        fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b.map((x) => x | 0x80))),
        (imei, at, bad, noise) => {
          const corrupted = Buffer.concat([
            Buffer.from(`\r\n${imei.slice(0, at)}`),
            Buffer.from([bad]),
            Buffer.from(`${imei.slice(at + 1)}\r\nOK\r\n`),
          ]);
          expect(imeiFromReply(corrupted)).toBeUndefined();
          expect(imeiFromReply(Buffer.from(`\r\n${imei}`))).toBeUndefined(); // no terminator: a partial line
          expect(imeiFromReply(Buffer.from(`\r\n${'5'.repeat(600)}${imei}\r\nOK\r\n`))).toBeUndefined();
          expect(
            imeiFromReply(Buffer.concat([Buffer.from('\r\n'), noise, Buffer.from(`${imei}\r\nOK\r\n`)])),
          ).toBeUndefined();
        },
      ),
    );
  });

  it('a no-break-space byte (0xA0) before an IMEI is noise, not whitespace to trim', () => {
    // Found by the property above: String.prototype.trim() removes U+00A0, which is 0xA0 read as latin1.
    expect(
      imeiFromReply(
        Buffer.concat([Buffer.from('\r\n'), Buffer.from([0xa0]), Buffer.from('000000010000008\r\nOK\r\n')]),
      ),
    ).toBeUndefined();
    expect(imeiFromReply(Buffer.from('\r\n 490154203237518 \r\nOK\r\n'))).toBe('490154203237518');
  });

  it('isCleanLine rejects high bytes and control characters but keeps GS1 separators', () => {
    expect(isCleanLine('IMEI:490154203237518;SN:1')).toBe(true);
    expect(isCleanLine('01095011010209171\u001d21490154203237518')).toBe(true);
    expect(isCleanLine('4901\u00e94203237518')).toBe(false);
    expect(isCleanLine('4901\u0000203237518')).toBe(false);
  });
});
