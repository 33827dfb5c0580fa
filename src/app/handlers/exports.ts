/** The `exports` namespace: the connection manifest of a range of days, as CSV, for this mode only. */
import type { Handlers } from '../../ipc/channel-types.js';
import type { KioskContract } from '../../ipc/contract.js';
import { IpcRefusal } from '../../ipc/wire.js';
import { connectionManifest, manifestCsv } from '../../ledger/manifest.js';
import { dayRange } from '../../ledger/time-range.js';
import type { HostState } from '../host-state.js';

export function exportsHandlers(state: HostState): Handlers<KioskContract>['exports'] {
  return {
    manifest: ({ from, to, fullImei }) => {
      let range;
      try {
        range = dayRange(from, to);
      } catch {
        // dayRange's own words name the CLI's flags (--from, --to): the screen says it plainly.
        throw IpcRefusal.of('bad_date_range', {});
      }
      const engine = state.engine();
      // Only this mode's connections: a production manifest never lists a training job.
      const rows = connectionManifest(engine.ledger.jobs(), range, { fullImei, mode: engine.mode });
      return { csv: manifestCsv(rows), rows: rows.length, fileName: `imei-kiosk-manifest-${from}-to-${to}.csv` };
    },
  };
}
