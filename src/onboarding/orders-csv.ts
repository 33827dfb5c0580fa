/**
 * Batch orders from a CSV file: `uid`, `device_type`, optional `order_ref`, optional `expected_imei`.
 * All or nothing: every bad row is reported (row, column, reason) and a file with any error yields
 * no orders at all. Pure: (text, allowed device types) → orders or errors.
 *
 * `row` is the line number in the file as a spreadsheet shows it: the header is row 1, the first
 * order row 2 (a quoted field spanning lines counts from the line the row starts on).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { validate } from '../imei/validate.js';
import type { Imei } from '../imei/schema.js';

export const ORDER_COLUMNS = ['uid', 'device_type', 'order_ref', 'expected_imei'] as const;
export type OrderColumn = (typeof ORDER_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly OrderColumn[] = ['uid', 'device_type'];
/** A batch larger than this is a mistake (a wrong file), not a shift's work. */
export const MAX_ORDER_ROWS = 50_000;

export interface Order {
  /** The row in the file (header = 1). */
  readonly row: number;
  readonly uid: string;
  /** Spelled as in the caller's list of allowed device types. */
  readonly deviceType: string;
  readonly orderRef?: string;
  readonly expectedImei?: Imei;
}

/** Every kind of bad row, as data: the renderer's translation test walks this list. */
export const ORDER_ROW_ERROR_KINDS = [
  'unreadable_csv',
  'empty_file',
  'unknown_column',
  'duplicate_column',
  'missing_column',
  'no_orders',
  'too_many_orders',
  'field_count',
  'bad_uid',
  'empty_device_type',
  'unknown_device_type',
  'order_ref_too_long',
  'order_ref_control_character',
  'duplicate_order_ref',
  'bad_expected_imei',
  'duplicate_expected_imei',
] as const;
export type OrderRowErrorKind = (typeof ORDER_ROW_ERROR_KINDS)[number];

export interface OrderRowError {
  readonly row: number;
  /** The column at fault, or null when the whole row or file is (wrong field count, unreadable CSV). */
  readonly column: OrderColumn | string | null;
  /** The engine's English words; `kind` and `params` are what a screen translates. */
  readonly reason: string;
  readonly kind: OrderRowErrorKind;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type OrdersCsvResult =
  | { readonly ok: true; readonly orders: readonly Order[] }
  | { readonly ok: false; readonly errors: readonly OrderRowError[] };

/** Patient uid: 4–254 letters, digits and single hyphens, no hyphen at either end. Null when valid. */
export function uidProblem(uid: string): string | null {
  if (uid === '') return 'the uid is empty';
  if (uid.length < 4)
    return `the uid "${uid}" is ${uid.length} character${uid.length === 1 ? '' : 's'}; it needs at least 4`;
  if (uid.length > 254) return `the uid is ${uid.length} characters; it may have at most 254`;
  const bad = [...uid].find((c) => !/[A-Za-z0-9-]/.test(c));
  if (bad !== undefined) return `the uid may hold only letters, digits and hyphens; found ${JSON.stringify(bad)}`;
  if (uid.startsWith('-') || uid.endsWith('-')) return 'the uid must not start or end with a hyphen';
  if (uid.includes('--')) return 'the uid must not hold two hyphens in a row';
  return null;
}

interface ParsedRow {
  readonly row: number;
  readonly fields: string[];
}

function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function readCsv(text: string): { rows: ParsedRow[] } | { error: OrderRowError } {
  try {
    // One line ending for all: csv-parse counts a CR LF inside quotes as two lines otherwise.
    const parsed = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      raw: true,
    }) as unknown as Array<{ record: string[]; raw: string; info: { lines: number } }>;
    return { rows: parsed.map((p) => ({ row: startLine(p.info.lines, p.raw), fields: p.record })) };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return {
        error: {
          row: typeof line === 'number' ? line : 0,
          column: null,
          kind: 'unreadable_csv',
          reason: `the file is not readable CSV: ${error.message}`,
        },
      };
    }
    throw error;
  }
}

export function parseOrdersCsv(text: string, allowedDeviceTypes: readonly string[]): OrdersCsvResult {
  const read = readCsv(text);
  if ('error' in read) return { ok: false, errors: [read.error] };
  const [header, ...rows] = read.rows;
  if (!header)
    return {
      ok: false,
      errors: [
        {
          row: 1,
          column: null,
          kind: 'empty_file',
          reason: 'the file is empty; it needs a header row (uid,device_type,…) and at least one order',
        },
      ],
    };

  const errors: OrderRowError[] = [];
  const columns = header.fields.map((name) => name.toLowerCase());
  const position = new Map<string, number>();
  columns.forEach((name, i) => {
    if (!(ORDER_COLUMNS as readonly string[]).includes(name)) {
      errors.push({
        row: header.row,
        column: header.fields[i] ?? name,
        kind: 'unknown_column',
        params: { column: (header.fields[i] ?? name).slice(0, 200), columns: ORDER_COLUMNS.join(', ') },
        reason: `unknown column "${header.fields[i]}"; the columns are ${ORDER_COLUMNS.join(', ')}`,
      });
    } else if (position.has(name)) {
      errors.push({
        row: header.row,
        column: name,
        kind: 'duplicate_column',
        params: { column: name },
        reason: `the column "${name}" appears twice`,
      });
    } else {
      position.set(name, i);
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!position.has(required))
      errors.push({
        row: header.row,
        column: required,
        kind: 'missing_column',
        params: { column: required },
        reason: `the header has no "${required}" column`,
      });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0)
    return {
      ok: false,
      errors: [{ row: header.row + 1, column: null, kind: 'no_orders', reason: 'the file has a header but no orders' }],
    };
  if (rows.length > MAX_ORDER_ROWS) {
    return {
      ok: false,
      errors: [
        {
          row: rows[MAX_ORDER_ROWS]!.row,
          column: null,
          kind: 'too_many_orders',
          params: { max: MAX_ORDER_ROWS },
          reason: `more than ${MAX_ORDER_ROWS} orders in one file; split it`,
        },
      ],
    };
  }

  const deviceTypes = new Map(allowedDeviceTypes.map((t) => [t.toLowerCase(), t]));
  const firstRowOfImei = new Map<string, number>();
  const firstRowOfRef = new Map<string, number>();
  const orders: Order[] = [];

  for (const { row, fields } of rows) {
    if (fields.length !== columns.length) {
      errors.push({
        row,
        column: null,
        kind: 'field_count',
        params: { found: fields.length, expected: columns.length },
        reason: `${fields.length} field${fields.length === 1 ? '' : 's'}, but the header has ${columns.length}`,
      });
      continue;
    }
    const field = (name: OrderColumn): string => {
      const i = position.get(name);
      return i === undefined ? '' : (fields[i] ?? '');
    };
    const rowErrors: OrderRowError[] = [];

    const uid = field('uid');
    const uidError = uidProblem(uid);
    if (uidError) rowErrors.push({ row, column: 'uid', kind: 'bad_uid', reason: uidError });

    const typeText = field('device_type');
    const deviceType = deviceTypes.get(typeText.toLowerCase());
    if (typeText === '')
      rowErrors.push({ row, column: 'device_type', kind: 'empty_device_type', reason: 'the device type is empty' });
    else if (deviceType === undefined) {
      rowErrors.push({
        row,
        column: 'device_type',
        kind: 'unknown_device_type',
        params: { deviceType: typeText.slice(0, 200), allowed: allowedDeviceTypes.join(', ') },
        reason: `unknown device type "${typeText}"; expected one of: ${allowedDeviceTypes.join(', ')}`,
      });
    }

    const orderRef = field('order_ref');
    if (orderRef !== '') {
      if (orderRef.length > 254)
        rowErrors.push({
          row,
          column: 'order_ref',
          kind: 'order_ref_too_long',
          params: { length: orderRef.length },
          reason: `the order reference is ${orderRef.length} characters; it may have at most 254`,
        });
      else if (/[\u0000-\u001f\u007f]/.test(orderRef))
        rowErrors.push({
          row,
          column: 'order_ref',
          kind: 'order_ref_control_character',
          reason: 'the order reference holds a control character or line break',
        });
      const first = firstRowOfRef.get(orderRef);
      if (first !== undefined)
        rowErrors.push({
          row,
          column: 'order_ref',
          kind: 'duplicate_order_ref',
          params: { orderRef: orderRef.slice(0, 200), firstRow: first },
          reason: `the order reference "${orderRef}" is already used on row ${first}`,
        });
      else firstRowOfRef.set(orderRef, row);
    }

    const imeiText = field('expected_imei');
    let expectedImei: Imei | undefined;
    if (imeiText !== '') {
      const result = validate(imeiText);
      if (!result.ok)
        rowErrors.push({
          row,
          column: 'expected_imei',
          kind: 'bad_expected_imei',
          params: { imeiError: result.error.kind },
          reason: result.error.message,
        });
      else {
        expectedImei = result.imei;
        const first = firstRowOfImei.get(result.imei);
        if (first !== undefined)
          rowErrors.push({
            row,
            column: 'expected_imei',
            kind: 'duplicate_expected_imei',
            params: { imeiLast4: result.imei.slice(-4), firstRow: first },
            reason: `the IMEI ending ${result.imei.slice(-4)} is already expected on row ${first}`,
          });
        else firstRowOfImei.set(result.imei, row);
      }
    }

    if (rowErrors.length > 0 || deviceType === undefined) {
      errors.push(...rowErrors);
      continue;
    }
    orders.push({
      row,
      uid,
      deviceType,
      ...(orderRef !== '' ? { orderRef } : {}),
      ...(expectedImei !== undefined ? { expectedImei } : {}),
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, orders };
}
