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
import { englishOrderRow, type OrderRowParams } from '../messages/index.js';
import { checkUid } from '../validic/uid.js';

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

/**
 * An order reference as the batch looks it up (a scanned or typed reference: case and outer spaces
 * ignored). The file refuses two orders with one key, so a look-up never has two patients to pick from.
 */
export function orderRefKey(orderRef: string): string {
  return orderRef.trim().toLowerCase();
}

/** A bad row in the catalogue's words: the params are what a screen translates, the reason the English. */
function rowError<K extends OrderRowErrorKind>(
  row: number,
  column: OrderRowError['column'],
  kind: K,
  params: OrderRowParams<K> & Readonly<Record<string, string | number>>,
): OrderRowError {
  return {
    row,
    column,
    kind,
    ...(Object.keys(params).length > 0 ? { params } : {}),
    reason: englishOrderRow(kind, params),
  };
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
      // csv-parse's own words say where the file breaks (a quote not closed, and on which line).
      return {
        error: rowError(typeof line === 'number' ? line : 0, null, 'unreadable_csv', {
          detail: error.message.slice(0, 200),
        }),
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
      errors: [rowError(1, null, 'empty_file', {})],
    };

  const errors: OrderRowError[] = [];
  const columns = header.fields.map((name) => name.toLowerCase());
  const position = new Map<string, number>();
  columns.forEach((name, i) => {
    if (!(ORDER_COLUMNS as readonly string[]).includes(name)) {
      const column = (header.fields[i] ?? name).slice(0, 200);
      errors.push(
        rowError(header.row, header.fields[i] ?? name, 'unknown_column', { column, columns: ORDER_COLUMNS.join(', ') }),
      );
    } else if (position.has(name)) {
      errors.push(rowError(header.row, name, 'duplicate_column', { column: name }));
    } else {
      position.set(name, i);
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!position.has(required)) errors.push(rowError(header.row, required, 'missing_column', { column: required }));
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0)
    return {
      ok: false,
      errors: [rowError(header.row + 1, null, 'no_orders', {})],
    };
  if (rows.length > MAX_ORDER_ROWS) {
    return {
      ok: false,
      errors: [rowError(rows[MAX_ORDER_ROWS]!.row, null, 'too_many_orders', { max: MAX_ORDER_ROWS })],
    };
  }

  const deviceTypes = new Map(allowedDeviceTypes.map((t) => [t.toLowerCase(), t]));
  const firstRowOfImei = new Map<string, number>();
  const firstRowOfRef = new Map<string, number>();
  const orders: Order[] = [];

  for (const { row, fields } of rows) {
    if (fields.length !== columns.length) {
      errors.push(rowError(row, null, 'field_count', { found: fields.length, expected: columns.length }));
      continue;
    }
    const field = (name: OrderColumn): string => {
      const i = position.get(name);
      return i === undefined ? '' : (fields[i] ?? '');
    };
    const rowErrors: OrderRowError[] = [];

    const uid = field('uid');
    if (!checkUid(uid).ok) rowErrors.push(rowError(row, 'uid', 'bad_uid', {}));

    const typeText = field('device_type');
    const deviceType = deviceTypes.get(typeText.toLowerCase());
    if (typeText === '') rowErrors.push(rowError(row, 'device_type', 'empty_device_type', {}));
    else if (deviceType === undefined) {
      const params = { deviceType: typeText.slice(0, 200), allowed: allowedDeviceTypes.join(', ') };
      rowErrors.push(rowError(row, 'device_type', 'unknown_device_type', params));
    }

    const orderRef = field('order_ref');
    if (orderRef !== '') {
      if (orderRef.length > 254)
        rowErrors.push(rowError(row, 'order_ref', 'order_ref_too_long', { length: orderRef.length }));
      else if (/[\u0000-\u001f\u007f]/.test(orderRef))
        rowErrors.push(rowError(row, 'order_ref', 'order_ref_control_character', {}));
      const key = orderRefKey(orderRef);
      const first = firstRowOfRef.get(key);
      if (first !== undefined)
        rowErrors.push(
          rowError(row, 'order_ref', 'duplicate_order_ref', { orderRef: orderRef.slice(0, 200), firstRow: first }),
        );
      else firstRowOfRef.set(key, row);
    }

    const imeiText = field('expected_imei');
    let expectedImei: Imei | undefined;
    if (imeiText !== '') {
      const result = validate(imeiText);
      if (!result.ok)
        rowErrors.push(rowError(row, 'expected_imei', 'bad_expected_imei', { imeiError: result.error.kind }));
      else {
        expectedImei = result.imei;
        const first = firstRowOfImei.get(result.imei);
        if (first !== undefined)
          rowErrors.push(
            rowError(row, 'expected_imei', 'duplicate_expected_imei', {
              imeiLast4: result.imei.slice(-4),
              firstRow: first,
            }),
          );
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
