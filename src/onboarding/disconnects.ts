/**
 * Disconnects, one IMEI or all of a patient's Smart Meter devices, journaled on the jobs that bound
 * them. Never provisions: a uid Validic does not know is refused. A lost answer is re-sent once.
 */
import { Imei } from '../imei/schema.js';
import type { JobView } from '../ledger/job-index.js';
import type { DisconnectAll, DisconnectedConnection } from '../validic/schemas.js';
import type { JobJournal } from './job-journal.js';
import type { Patients } from './patients.js';
import { isBound } from './transitions.js';

export class Disconnects {
  constructor(
    private readonly journal: JobJournal,
    private readonly patients: Patients,
  ) {}

  /**
   * Disconnects one IMEI from a patient; journaled on the job that bound it. A 404 to the re-send
   * after a lost answer means the first one went through.
   */
  async one(uid: string, imei: string, by: string, reason?: string): Promise<DisconnectedConnection> {
    const journal = this.journal;
    const patient = await this.patients.existing(uid);
    const bound = journal.jobsByImei(imei).filter((j) => j.uid === uid && isBound(j));
    const { value: result } = await journal.callResendingOnce(
      bound[0],
      'disconnect',
      () => journal.client.disconnect(patient.token, imei),
      uid,
      (again) =>
        again.kind === 'not_found'
          ? disconnectedFromJournal(
              imei,
              bound[0],
              'Disconnected: the first answer was lost and Validic no longer has the device on this patient.',
            )
          : undefined,
    );
    await this.journalDisconnect(uid, imei, bound, by, reason);
    return result;
  }

  /** Disconnects all of a patient's devices; after a lost answer, the devices this journal bound count as disconnected. */
  async all(uid: string, by: string): Promise<DisconnectAll> {
    const journal = this.journal;
    const patient = await this.patients.existing(uid);
    const sent = await journal.callResendingOnce(
      undefined,
      'disconnect_all',
      () => journal.client.disconnectAll(patient.token),
      uid,
    );
    let result = sent.value;
    if (sent.resent) {
      // The first may have disconnected them already (the re-send then lists none): add what the journal bound.
      const listed = new Set(result.connections.map((c) => c.credentials.device_id));
      const fromJournal = journal
        .jobsByUid(uid)
        .filter((j) => isBound(j) && !listed.has(j.imei))
        .map((j) =>
          disconnectedFromJournal(
            j.imei,
            j,
            'Disconnected: the first answer was lost; the re-send found nothing left.',
          ),
        );
      const connections = [...result.connections, ...fromJournal];
      result = { ...result, meta: { ...result.meta, total: connections.length }, connections };
    }
    const imeis = new Set(result.connections.map((c) => c.credentials.device_id));
    for (const job of journal.jobsByUid(uid)) if (isBound(job)) imeis.add(job.imei);
    for (const imei of imeis) {
      const bound = journal.jobsByImei(imei).filter((j) => j.uid === uid && isBound(j));
      // An id that is not an IMEI (Validic's samples list placeholders failing the check digit) was
      // bound by no kiosk, and the journal would refuse its record after Validic had disconnected
      // everything, losing the real devices' disconnects with it.
      if (bound.length === 0 && !Imei.safeParse(imei).success) continue;
      await this.journalDisconnect(uid, imei, bound, by, 'disconnect all');
    }
    return result;
  }

  /** A disconnect journaled on each job that bound the IMEI to the patient, or once without a job when none did. */
  private async journalDisconnect(
    uid: string,
    imei: string,
    bound: readonly JobView[],
    by: string,
    reason: string | undefined,
  ): Promise<void> {
    const targets = bound.length > 0 ? bound.map((j) => j.jobId) : [undefined];
    for (const jobId of targets) {
      await this.journal.ledger.append({
        type: 'operator_action',
        action: 'disconnect',
        by,
        imei,
        uid,
        ...(jobId ? { jobId } : {}),
        ...(reason ? { reason } : {}),
      });
    }
  }
}

/** A disconnect Validic applied without an answer we could read, described from the journal. */
function disconnectedFromJournal(imei: string, job: JobView | undefined, reason: string): DisconnectedConnection {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    credentials: { device_id: imei, device_type: job?.deviceType ?? 'unknown', device_name: null },
    type: 'smart_meter',
    created_at: job?.connectedAt ?? now,
    deleted_at: now,
    deleted_reason: reason,
  };
}
