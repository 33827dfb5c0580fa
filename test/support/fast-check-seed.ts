/**
 * Every property test runs from one seed: FC_SEED when given (to replay a failure), else the day's
 * seed, so two runs on the same day see the same inputs and a failure can be replayed. fast-check
 * names the seed (and the path to the shrunk case) in every failure it reports; this prints it too.
 */
import fc from 'fast-check';
import { beforeAll } from 'vitest';

const fromEnv = process.env.FC_SEED;
const seed =
  fromEnv !== undefined && /^-?\d+$/.test(fromEnv)
    ? Number(fromEnv)
    : Number(new Date().toISOString().slice(0, 10).replaceAll('-', ''));

fc.configureGlobal({ seed });
beforeAll(() => {
  if (process.env.FC_SEED_VERBOSE) process.stderr.write(`fast-check seed ${seed} (replay with FC_SEED=${seed})\n`);
});
