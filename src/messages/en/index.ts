/**
 * The English catalogue: the engine's words for every problem, refusal and job reason kind, by
 * area. Declared `as const` so a text's placeholders are part of its type (see englishText).
 */
import { callErrors } from './call-errors.js';
import { credentials } from './credentials.js';
import { deviceTypes } from './device-types.js';
import { imeiErrors } from './imei-errors.js';
import { jobReasons } from './job-reasons.js';
import { jobs } from './jobs.js';
import { modeNames } from './mode-names.js';
import { orderRows } from './order-rows.js';
import { orders } from './orders.js';
import { serial } from './serial.js';
import { session } from './session.js';
import { settings } from './settings.js';
import { states } from './states.js';
import { validic } from './validic.js';

/** Each area on its own, so a test can prove no kind is written in two of them. */
export const problemAreas = {
  validic,
  jobReasons,
  serial,
  deviceTypes,
  session,
  settings,
  credentials,
  jobs,
  orders,
} as const;

export const en = {
  problems: {
    ...validic,
    ...jobReasons,
    ...serial,
    ...deviceTypes,
    ...session,
    ...settings,
    ...credentials,
    ...jobs,
    ...orders,
  },
  orderRows,
  imeiErrors,
  states,
  modeNames,
  callErrors,
} as const;
