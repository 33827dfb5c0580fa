/**
 * Every string the operator reads, in English and Spanish, assembled here so the screens import one
 * module: the screen texts (./en, ./es, one file per area) and the engine's catalogue (src/messages:
 * problems, refusals, job reasons, order rows, IMEI errors, job states). Spanish must have every key
 * of English (a type error otherwise).
 */
import { catalogues, type Catalogue } from '../../../src/messages';
import { app } from './en/app';
import { batch } from './en/batch';
import { camera } from './en/camera';
import { disconnect } from './en/disconnect';
import { modes } from './en/modes';
import { onboard } from './en/onboard';
import { queue } from './en/queue';
import { settings } from './en/settings';
import { app as appEs } from './es/app';
import { batch as batchEs } from './es/batch';
import { camera as cameraEs } from './es/camera';
import { disconnect as disconnectEs } from './es/disconnect';
import { modes as modesEs } from './es/modes';
import { onboard as onboardEs } from './es/onboard';
import { queue as queueEs } from './es/queue';
import { settings as settingsEs } from './es/settings';

export { fill, fillPlurals, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../src/messages';

const en = {
  ...app,
  ...onboard,
  ...batch,
  ...queue,
  ...disconnect,
  ...settings,
  ...modes,
  ...camera,
  ...catalogues.en,
};

export type Messages = typeof app &
  typeof onboard &
  typeof batch &
  typeof queue &
  typeof disconnect &
  typeof settings &
  typeof modes &
  typeof camera &
  Catalogue;

const es: Messages = {
  ...appEs,
  ...onboardEs,
  ...batchEs,
  ...queueEs,
  ...disconnectEs,
  ...settingsEs,
  ...modesEs,
  ...cameraEs,
  ...catalogues.es,
};

export const messages = { en: en satisfies Messages, es } as const;
