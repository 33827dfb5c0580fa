/**
 * Imported first by the bridge: the bridge runs under the renderer's CSP, which forbids eval, so zod
 * must not compile parsers with `new Function`. zod reads this setting when a schema is created,
 * so it has to run before any schema module is evaluated.
 */
import { z } from 'zod';

z.config({ jitless: true });
