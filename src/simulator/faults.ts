/**
 * Fault injection settings for the simulator, and the `--faults` text form:
 * "5xx=0.2,reset=0.05,hang=0.02,latency=150,jitter=50,malformed=0.01,429=0.01,429len=5,gateway=0.2".
 */
import { z } from 'zod';

const Share = z.number().min(0).max(1);

export const FaultsSchema = z
  .object({
    /** Median added latency per API request, ms. */
    latencyMs: z.number().min(0).max(120_000).default(0),
    /** Latency is uniform in [latencyMs - jitterMs, latencyMs + jitterMs] (never below 0). */
    jitterMs: z.number().min(0).max(120_000).default(0),
    /** Share answered 500/502/503 before the action is applied. */
    serverErrorShare: Share.default(0),
    /**
     * Share of connects and disconnects applied and then answered 502 with an HTML page, as a gateway
     * does when the service behind it answered too late (default: the profile's).
     */
    gatewayShare: Share.optional(),
    /** Share whose connection is reset after the action is applied (the answer is lost). */
    resetShare: Share.default(0),
    /** Share never answered (the action is not applied); the client must time out. */
    hangShare: Share.default(0),
    /** Share answered with the success status and a truncated JSON body (the action is applied). */
    malformedShare: Share.default(0),
    /** Chance that a request starts a burst of 429 answers. */
    burst429Share: Share.default(0),
    /** Length of a 429 burst, in requests. */
    burst429Length: z.number().int().min(1).max(10_000).default(5),
  })
  .strict();
export type Faults = z.infer<typeof FaultsSchema>;
export type FaultsInput = z.input<typeof FaultsSchema>;

export const noFaults: Faults = FaultsSchema.parse({});

const keys: Record<string, keyof Faults> = {
  latency: 'latencyMs',
  jitter: 'jitterMs',
  '5xx': 'serverErrorShare',
  reset: 'resetShare',
  hang: 'hangShare',
  malformed: 'malformedShare',
  '429': 'burst429Share',
  '429len': 'burst429Length',
  gateway: 'gatewayShare',
};

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

/** Parses the `--faults` text. Throws FaultSpecError naming the bad item. */
export function parseFaultSpec(spec: string): Faults {
  const input: Record<string, number> = {};
  for (const item of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([\w]+)=([0-9]*\.?[0-9]+)$/.exec(item);
    if (!match) throw new FaultSpecError(`"${item}" is not name=number (e.g. 5xx=0.2).`);
    const key = keys[match[1]!];
    if (!key) throw new FaultSpecError(`Unknown fault "${match[1]}"; known: ${Object.keys(keys).join(', ')}.`);
    input[key] = Number(match[2]);
  }
  const parsed = FaultsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = Object.entries(keys).find(([, v]) => v === issue?.path[0])?.[0] ?? String(issue?.path[0]);
    throw new FaultSpecError(`Fault "${name}": ${issue?.message ?? 'invalid'} (shares are 0..1, times in ms).`);
  }
  return parsed.data;
}
