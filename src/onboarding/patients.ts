/**
 * Patient resolution: the Validic user behind a uid and its marketplace token, with the fewest
 * calls. Held in memory only (the token is a secret, never journaled); concurrent lookups of one
 * uid share one flight.
 */
import type { JobView } from '../ledger/job-index.js';
import { isTakenAnswer } from '../validic/client.js';
import { ValidicError } from '../validic/errors.js';
import type { User } from '../validic/schemas.js';
import type { JobJournal } from './job-journal.js';

/** What the service knows of a patient in memory: never journaled (the token is a secret). */
export interface Patient {
  readonly token: string;
  /** A smart_meter source showed before this station's latest connect for the patient. */
  hadSmartMeter: boolean;
}

export class Patients {
  private readonly known = new Map<string, Patient>();
  private readonly flights = new Map<string, Promise<Patient>>();

  constructor(private readonly journal: JobJournal) {}

  /** The patient as last read or provisioned by this process, if any. */
  remembered(uid: string): Patient | undefined {
    return this.known.get(uid);
  }

  forget(uid: string): void {
    this.known.delete(uid);
  }

  /**
   * The patient for a connect, with the fewest calls: in memory (0 calls); known to Validic per this
   * journal (a job of theirs was connected) → read it (1 call; provision on 404); otherwise provision
   * (1 call) and, when the uid is taken (409, or 422 in Validic's v2 reference), read it back (2 calls).
   */
  forConnect(uid: string, job?: JobView): Promise<Patient> {
    const known = this.known.get(uid);
    if (known) return Promise.resolve(known);
    let flight = this.flights.get(uid);
    if (!flight) {
      flight = this.resolve(uid, job).finally(() => this.flights.delete(uid));
      this.flights.set(uid, flight);
    }
    return flight;
  }

  private async resolve(uid: string, job?: JobView): Promise<Patient> {
    const returning = this.journal.jobsByUid(uid).some((j) => j.connectedAt !== undefined);
    if (returning) {
      try {
        return await this.read(uid, job);
      } catch (error) {
        if (!(error instanceof ValidicError) || error.kind !== 'not_found') throw error;
      }
    }
    try {
      const user = await this.journal.call(job, 'provision', () => this.journal.client.provisionUser(uid), uid);
      return this.remember(user);
    } catch (error) {
      if (!(error instanceof ValidicError) || !isTakenAnswer(error)) throw error;
      try {
        return await this.read(uid, job);
      } catch (readError) {
        // A 422 for a uid Validic does not have was a real refusal of the request: report that one.
        if (readError instanceof ValidicError && readError.kind === 'not_found') throw error;
        throw readError;
      }
    }
  }

  /** Reads the patient (the org token's cheap check too). */
  async read(uid: string, job?: JobView): Promise<Patient> {
    return this.remember(await this.getUser(uid, job));
  }

  /** One journaled read of the user; does not remember it (see read). */
  getUser(uid: string, job?: JobView): Promise<User> {
    return this.journal.call(job, 'get_user', () => this.journal.client.getUser(uid), uid);
  }

  /** The patient for a disconnect: never provisioned; an unknown uid is refused with the reason. */
  async existing(uid: string): Promise<Patient> {
    const known = this.known.get(uid);
    if (known) return known;
    try {
      return await this.read(uid);
    } catch (error) {
      if (error instanceof ValidicError && error.kind === 'not_found') {
        throw new ValidicError({
          kind: 'not_found',
          status: 404,
          message: `Validic has no patient "${uid}": nothing was disconnected, and no patient was created.`,
        });
      }
      throw error;
    }
  }

  remember(user: User): Patient {
    const patient: Patient = {
      token: user.marketplace.token,
      hadSmartMeter: user.sources.some((s) => s.type === 'smart_meter'),
    };
    this.known.set(user.uid, patient);
    return patient;
  }
}
