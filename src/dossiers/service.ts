// dossiers: citizens' dossiers from the one-stop system — intake (API, CSV), deadlines in
// working days, the /hoso lookup with its limits, subscriptions and status messages.
// The dossier capability as one object for the composition root: intake, the citizen's
// lookup, subscriptions, failed-lookup limits, and the queries the alerts scan needs.
import type { CalendarData, Procedure } from '../catalogue/schema';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../office-hours';
import type { DossierStore, DueQuery, OpenDossierRow, PageCursor } from '../store/dossiers';
import type { Stores } from '../store/stores';
import { workingCalendar } from './deadlines';
import { DossierIntake, type Actor, type IntakeResult } from './intake';
import type { DossierEventInput, DossierInput } from './intake-input';
import { lateness, lookupDossier, subscribe, toView, unsubscribe, type DossierView, type Lateness, type LookupDeps, type SubscribeChannel } from './lookup';
import { DEFAULT_LOOKUP_LIMIT, WindowLimiter, type RateLimitOptions } from './rate-limit';
import type { DossierRow } from './tables';
import type { WorkingCalendar } from './working-days';

/** The stores the dossier service reads and writes through: dossiers, and the failed-lookup counters. */
export type DossierStores = Pick<Stores, 'dossiers' | 'rateLimits'>;

export interface DossierServiceDeps {
  stores: DossierStores;
  /** Called per use, so a reloaded catalogue is picked up. */
  procedure: (code: string) => Procedure | undefined;
  calendar: () => CalendarData;
  /** The desks' office hours (OFFICE_HOURS); DEFAULT_OFFICE_HOURS when not given. */
  officeHours?: OfficeHours;
  clock: Clock;
  logger?: Logger;
  lookupLimit?: RateLimitOptions;
}

export class DossierService {
  readonly intake: DossierIntake;
  readonly limiter: WindowLimiter;
  /** How due dates are counted and shown: the chat prints "10:00 ngày 02/03/2026" with them. */
  readonly officeHours: OfficeHours;
  private readonly store: DossierStore;
  private readonly lookupDeps: LookupDeps;

  constructor(private readonly deps: DossierServiceDeps) {
    this.store = deps.stores.dossiers;
    this.officeHours = deps.officeHours ?? DEFAULT_OFFICE_HOURS;
    this.intake = new DossierIntake({ store: this.store, procedure: deps.procedure, calendar: deps.calendar, officeHours: this.officeHours, now: () => deps.clock.now() });
    this.limiter = new WindowLimiter(deps.stores.rateLimits, deps.lookupLimit ?? DEFAULT_LOOKUP_LIMIT);
    this.lookupDeps = { procedure: deps.procedure, calendar: deps.calendar, officeHours: this.officeHours, onMissingYears: this.onMissingYears };
  }

  private readonly onMissingYears = (years: number[]) => {
    this.deps.logger?.warn({ years }, 'dossiers: no holidays can be computed for these years; lateness counted as Monday–Friday only');
  };

  upsert(actor: Actor, code: string, input: DossierInput): Promise<IntakeResult> {
    return this.intake.upsert(actor, code, input);
  }

  recordEvent(actor: Actor, code: string, event: DossierEventInput): Promise<IntakeResult> {
    return this.intake.recordEvent(actor, code, event);
  }

  /** The masked view, or undefined for a wrong code or wrong phone digits alike. */
  lookup(code: string, last4: string): Promise<DossierView | undefined> {
    return lookupDossier(this.store, this.lookupDeps, code, last4, this.deps.clock.now());
  }

  view(row: DossierRow): DossierView {
    return toView(this.lookupDeps, row, this.deps.clock.now());
  }

  subscribe(code: string, last4: string, channel: SubscribeChannel, chatId: string): Promise<DossierRow | undefined> {
    return subscribe(this.store, code, last4, channel, chatId, this.deps.clock.now());
  }

  unsubscribe(code: string, channel: string, chatId: string): Promise<boolean> {
    return unsubscribe(this.store, code, channel, chatId);
  }

  /** For the alerts scan: open dossiers of a unit or official due by `dueBy`. */
  findDue(query: DueQuery): Promise<DossierRow[]> {
    return this.store.findDue(query);
  }

  /** For the alerts scan: a keyset page of open dossiers due before `horizon`, by (due_at, code). */
  openDuePage(horizon: number, after: PageCursor | undefined, limit: number): Promise<OpenDossierRow[]> {
    return this.store.openDuePage(horizon, after, limit);
  }

  /** For the alerts scan: whether a dossier is late at `at` and by how many working days. */
  lateness(row: DossierRow, at: Date = this.deps.clock.now()): Lateness {
    const result = lateness(this.working(), row, at);
    if (result.missingYears.length > 0) this.onMissingYears(result.missingYears);
    return result;
  }

  /** The last instant that counts as near due: the end of the `days`-th working day from today. */
  nearDueLimit(days: number, at: Date = this.deps.clock.now()): Date {
    return this.working().toLenient().nearDueLimit(at, days);
  }

  private working(): WorkingCalendar {
    return workingCalendar(this.deps.calendar(), this.officeHours);
  }
}
