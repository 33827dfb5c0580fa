/** The Spanish catalogue: every key of the English one (a missing or extra key is a type error). */
import type { Catalogue } from '../catalogue-shape.js';
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

export const es: Catalogue = {
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
};
