/**
 * How the simulator answers where Validic's published material allows more than one answer. Our
 * simulator is a guess; each profile is one reading of the published material, and the engine's
 * tests run against every one (docs/validic-simulator.md has the table, with sources).
 */
import { z } from 'zod';

export const SIM_PROFILES = ['optimistic', 'published', 'gateway'] as const;
export const SimProfileName = z.enum(SIM_PROFILES);
export type SimProfileName = z.infer<typeof SimProfileName>;

export interface SimBehaviour {
  /** Provisioning a uid that exists: 409 (legacy v1, the first build's guess) or 422 (v2 reference). */
  readonly takenUid: 409 | 422;
  /** A connect for an IMEI another patient holds (undocumented): 409 or 422 `{"errors": {"device_id": [...]}}`. */
  readonly imeiHeld: 409 | 422;
  /** A user's smart_meter source shows at once, or only once the device's first reading has arrived. */
  readonly sources: 'immediate' | 'after_first_reading';
  /** X-RateLimit-Remaining + X-RateLimit-Reset, or Validic's page: X-RateLimit_Remaining and no reset header. */
  readonly rateHeaders: 'with_reset' | 'validic_page';
  /** An unknown marketplace token on the direct host: 401 JSON, or a redirect to the web app's sign-in page. */
  readonly unknownMarketplaceToken: 'unauthorized' | 'redirect';
  /** GET user 404 body: `{"errors": ["not found"]}` or a bare JSON string (the v2 reference's example). */
  readonly notFoundBody: 'errors' | 'string';
  /** Default share of connects and disconnects applied, then answered 502 with an HTML page. */
  readonly gatewayShare: number;
}

const published: SimBehaviour = {
  takenUid: 422,
  imeiHeld: 422,
  sources: 'after_first_reading',
  rateHeaders: 'validic_page',
  unknownMarketplaceToken: 'redirect',
  notFoundBody: 'string',
  gatewayShare: 0,
};

export const SIM_BEHAVIOURS: Readonly<Record<SimProfileName, SimBehaviour>> = {
  optimistic: {
    takenUid: 409,
    imeiHeld: 409,
    sources: 'immediate',
    rateHeaders: 'with_reset',
    unknownMarketplaceToken: 'unauthorized',
    notFoundBody: 'errors',
    gatewayShare: 0,
  },
  published,
  gateway: { ...published, gatewayShare: 0.2 },
};
