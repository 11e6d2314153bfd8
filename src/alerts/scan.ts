// The daily overdue scan: open dossiers read in keyset pages (due date, code) over the covering
// index, grouped in memory into one digest per official (plus Mẫu 04 drafts), queued in the
// outbox with per-day dedupe keys. It never holds the event loop for long: it yields between
// pages and every few milliseconds of grouping, rendering and queueing, so webhook answers
// (Zalo waits 2 s) are served while it runs over a million dossiers.
import type { OutgoingMessage } from '../delivery/outbox';
import type { OfficialStore, LinkChannel } from '../store/officials';
import type { DossierService } from '../dossiers/service';
import type { OpenDossierRow, PageCursor } from '../store/dossiers';
import { apologyReply } from './apology';
import { WorkingDayIndex, type WorkingDayCalendar } from '../dossiers/working-days';
import { headDigest, officerDigest, type DigestItem } from './digest';
import { DAY_MS, VIETNAM_OFFSET_MS, dayFromNumber, localDay, localDayNumber } from '../local-time';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createYielder } from '../event-loop';
import { dueClock, type OfficeHours } from '../office-hours';

/** Rows read per query (dossiers, officials, chats): a page costs a few milliseconds on either database. */
export const SCAN_PAGE_ROWS = 1000;
/** Messages queued per enqueueMany call, with a yield between calls. */
const QUEUE_CHUNK = 20;

export interface ScanOptions {
  /** Dossiers due within this many working days count as near due (0 = due today only). */
  nearDueDays: number;
  /** Heads get an escalation for dossiers late more than this many working days. */
  escalateDays: number;
  /** Mẫu 04 drafts per officer per day; the digest counts all of them. */
  maxApologies?: number;
  procedureName?: (code: string) => string | undefined;
  /** OFFICE_HOURS: a dossier due during the office day (a time in hours) is listed with its hour. */
  officeHours?: OfficeHours;
}

/** The outbox as the alerts use it: the scan queues, the day's delivery asks what is left. */
export interface AlertOutbox {
  /** Queues the messages not queued before (by dedupe key); returns how many were new. */
  enqueueMany(messages: readonly OutgoingMessage[], at: Date): Promise<number>;
  /** When the earliest pending message falls due (ms), if any is pending. */
  nextPendingAt(): Promise<number | undefined>;
}

export interface ScanDeps extends ScanOptions {
  officials: Pick<OfficialStore, 'activePage' | 'linkPage'>;
  /** The open dossiers, read through the dossier service. */
  dossiers: Pick<DossierService, 'openDuePage'>;
  outbox: AlertOutbox;
  calendar: WorkingDayCalendar;
  /** Rows per page of the dossier query (default SCAN_PAGE_ROWS); tests use small pages. */
  pageRows?: number;
  /** Called after each page is read, before the scan yields (tests observe the paging). */
  onPage?: (rows: number) => void;
}

/** One message the scan wants to send, before it is queued. */
export interface PlannedMessage extends OutgoingMessage {
  officialId: string;
  dedupeKey: string;
}

export interface ScanPlan {
  day: string;
  /** Open dossiers overdue or due within the horizon, before excluding stopped clocks. */
  dossiersInScope: number;
  overdue: number;
  nearDue: number;
  messages: PlannedMessage[];
  /** Officials with something to read but no linked chat: reported, never silently skipped. */
  unlinked: Array<{ officialId: string; role: string; unit: string; items: number }>;
  /** Units with overdue dossiers and no active head. */
  unitsWithoutHead: string[];
}

export interface ScanResult extends ScanPlan {
  queued: number;
  alreadyQueued: number;
}

// Statuses where the processing clock does not run: the result is ready, or the dossier is
// closed, paused, or waiting for the applicant's papers.
const CLOCK_STOPPED = new Set(['ready', 'returned', 'rejected', 'withdrawn', 'paused', 'supplement_requested']);
// Telegram first: it has no free-reply window. The dispatcher falls back to the other chat.
const CHANNEL_PREFERENCE: LinkChannel[] = ['telegram', 'zalo'];

interface OfficialInfo {
  id: string;
  name: string;
  unit: string;
  role: string;
  chats: Map<string, string>;
}

export async function planScan(deps: ScanDeps, at: Date): Promise<ScanPlan> {
  const now = at.getTime();
  const today = localDayNumber(now);
  const probe = new WorkingDayIndex(deps.calendar, today, today);
  // As the dossiers' nearDueLimit: counted from today, or from the next working day on a day off.
  const base = deps.calendar.isWorkingDay(dayFromNumber(today)) ? today : probe.addWorkingDays(today, 1);
  const lastNearDay = deps.nearDueDays > 0 ? probe.addWorkingDays(base, deps.nearDueDays) : base;
  // Mẫu 04 drafts are for dossiers due on the next working day, even when near due means today only.
  const lastReadDay = Math.max(lastNearDay, probe.addWorkingDays(base, 1));
  // Everything due before the end of the last local day read.
  const horizon = (lastReadDay + 1) * DAY_MS - VIETNAM_OFFSET_MS;

  const pause = createYielder();
  const byId = new Map<string, OfficialInfo>();
  const headsByUnit = new Map<string, OfficialInfo[]>();
  const size = deps.pageRows ?? SCAN_PAGE_ROWS;
  // Officials and their chats, in keyset pages too: ten thousand rows would hold the loop.
  for (let after = ''; ; ) {
    const officials = await deps.officials.activePage(after, size);
    for (const o of officials) {
      const info: OfficialInfo = { ...o, chats: new Map() };
      byId.set(o.id, info);
      if (o.role === 'head') headsByUnit.set(o.unit, [...(headsByUnit.get(o.unit) ?? []), info]);
    }
    if (officials.length < size) break;
    after = officials[officials.length - 1]!.id;
    await nextTurn();
  }
  for (let after: { channel: string; chatId: string } | undefined; ; ) {
    const links = await deps.officials.linkPage(after, size);
    for (const link of links) byId.get(link.officialId)?.chats.set(link.channel, link.chatId);
    if (links.length < size) break;
    const last = links[links.length - 1]!;
    after = { channel: last.channel, chatId: last.chatId };
    await nextTurn();
  }

  const dayNames = new Map<number, string>();
  const dayName = (n: number): string => {
    let name = dayNames.get(n);
    if (name === undefined) {
      name = dayFromNumber(n);
      dayNames.set(n, name);
    }
    return name;
  };
  const overdueByOfficial = new Map<string, DigestItem[]>();
  const nearByOfficial = new Map<string, DigestItem[]>();
  const overdueByUnit = new Map<string, DigestItem[]>();
  const apologyCandidates = new Map<string, Array<{ item: DigestItem; unit: string; receivedAt: number; dueAt: number }>>();
  /** Per official, the drafts for dossiers that are not near due themselves (ALERT_NEAR_DUE_DAYS 0). */
  const draftsOnly = new Map<string, number>();
  let overdueCount = 0;
  let nearCount = 0;
  let inScope = 0;
  const interned = new Map<string, string>();
  const intern = (text: string): string => {
    const known = interned.get(text);
    if (known !== undefined) return known;
    interned.set(text, text);
    return text;
  };
  // Built from the first page: pages come in due order, so its first row is the oldest due day.
  let index: WorkingDayIndex | undefined;
  let todayRank = 0;

  for await (const rows of openDossierPages(deps, horizon)) {
    if (!index) {
      index = new WorkingDayIndex(deps.calendar, Math.min(today, localDayNumber(rows[0]!.due_at)), lastReadDay);
      todayRank = index.rank(today);
    }
    for (const raw of rows) {
      // Read only for a Mẫu 04 draft (ALERT_NEAR_DUE_DAYS 0): neither near due nor counted.
      const beyondNear = localDayNumber(raw.due_at) > lastNearDay;
      if (!beyondNear) inScope++;
      if (CLOCK_STOPPED.has(raw.status)) continue;
      // One string per official, unit and procedure instead of one per row: what the digests
      // keep of 100,000 rows then stays small, and so do the garbage collector's pauses.
      const row = { ...raw, official_id: raw.official_id === null ? null : intern(raw.official_id), unit: intern(raw.unit), procedure_code: intern(raw.procedure_code) };
      const dueDayNumber = localDayNumber(row.due_at);
      const overdue = row.due_at < now;
      const dueTime = deps.officeHours && dueClock(deps.officeHours, row.due_at);
      const rankDiff = index.rank(dueDayNumber) - todayRank;
      const item: DigestItem = {
        code: row.code,
        procedureCode: row.procedure_code,
        officialId: row.official_id,
        dueDay: dayName(dueDayNumber),
        ...(dueTime ? { dueTime } : {}),
        overdue,
        // Working days after the due day, as the dossiers' workingDaysLate: 0 when due earlier today.
        lateDays: overdue ? Math.max(0, -rankDiff) : 0,
        daysLeft: overdue ? 0 : Math.max(0, rankDiff),
        extended: row.extended === 1,
      };
      if (beyondNear) {
        if (row.official_id && item.daysLeft === 1 && !item.extended) {
          push(apologyCandidates, row.official_id, { item, unit: row.unit, receivedAt: row.received_at, dueAt: row.due_at });
          draftsOnly.set(row.official_id, (draftsOnly.get(row.official_id) ?? 0) + 1);
        }
      } else if (overdue) {
        overdueCount++;
        push(overdueByUnit, row.unit, item);
        if (row.official_id) push(overdueByOfficial, row.official_id, item);
      } else {
        nearCount++;
        if (row.official_id) {
          push(nearByOfficial, row.official_id, item);
          // Due on the next working day and never extended: the apology must go out today.
          if (item.daysLeft === 1 && !item.extended) push(apologyCandidates, row.official_id, { item, unit: row.unit, receivedAt: row.received_at, dueAt: row.due_at });
        }
      }
    }
  }

  const day = localDay(now);
  const messages: PlannedMessage[] = [];
  const unlinked: ScanPlan['unlinked'] = [];
  const maxApologies = deps.maxApologies ?? 5;
  const target = (o: OfficialInfo, items: number): { channel: LinkChannel; chatId: string } | undefined => {
    for (const channel of CHANNEL_PREFERENCE) {
      const chatId = o.chats.get(channel);
      if (chatId) return { channel, chatId };
    }
    unlinked.push({ officialId: o.id, role: o.role, unit: o.unit, items });
    return undefined;
  };

  for (const o of byId.values()) {
    const turn = pause();
    if (turn) await turn;
    if (o.role === 'head') {
      const overdue = overdueByUnit.get(o.unit) ?? [];
      if (!overdue.length) continue;
      const to = target(o, overdue.length);
      if (!to) continue;
      const ownerName = (id: string | null) => (id === null ? 'chưa phân công' : byId.get(id)?.name ?? id);
      messages.push({ ...to, kind: 'digest', officialId: o.id, dedupeKey: `digest:${o.id}:${day}`, reply: headDigest(day, o.unit, overdue, deps.escalateDays, ownerName) });
      continue;
    }
    const overdue = overdueByOfficial.get(o.id) ?? [];
    const near = nearByOfficial.get(o.id) ?? [];
    const apologies = (apologyCandidates.get(o.id) ?? []).sort((a, b) => a.item.code.localeCompare(b.item.code));
    const drafts = draftsOnly.get(o.id) ?? 0;
    if (!overdue.length && !near.length && !drafts) continue;
    const to = target(o, overdue.length + near.length + drafts);
    if (!to) continue;
    messages.push({ ...to, kind: 'digest', officialId: o.id, dedupeKey: `digest:${o.id}:${day}`, reply: officerDigest(day, overdue, near, Math.min(apologies.length, maxApologies)) });
    for (const a of apologies.slice(0, maxApologies)) {
      const procedureName = deps.procedureName?.(a.item.procedureCode);
      messages.push({
        ...to,
        kind: 'apology',
        officialId: o.id,
        dedupeKey: `apology:${o.id}:${a.item.code}:${day}`,
        reply: apologyReply({ dossierCode: a.item.code, unit: a.unit, receivedAt: a.receivedAt, dueAt: a.dueAt, ...(a.item.dueTime ? { dueTime: a.item.dueTime } : {}), ...(procedureName ? { procedureName } : {}) }),
      });
    }
  }

  const unitsWithoutHead = [...overdueByUnit.keys()].filter((unit) => !headsByUnit.has(unit)).sort();
  return { day, dossiersInScope: inScope, overdue: overdueCount, nearDue: nearCount, messages, unlinked, unitsWithoutHead };
}

/**
 * Open dossiers due before `horizon`, oldest due first, a page at a time: keyset on (due_at,
 * code), so each page is an index range read however far the scan has gone. Yields the event
 * loop between pages.
 */
async function* openDossierPages(deps: ScanDeps, horizon: number): AsyncGenerator<OpenDossierRow[]> {
  const size = deps.pageRows ?? SCAN_PAGE_ROWS;
  let after: PageCursor | undefined;
  for (;;) {
    const rows = await deps.dossiers.openDuePage(horizon, after, size);
    deps.onPage?.(rows.length);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    after = { due: Number(last.due_at), code: last.code };
    await nextTurn();
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Plans the scan and queues its messages; a second run the same day queues nothing new. */
export async function runScan(deps: ScanDeps, at: Date, options: { dryRun?: boolean } = {}): Promise<ScanResult> {
  const plan = await planScan(deps, at);
  if (options.dryRun) return { ...plan, queued: 0, alreadyQueued: 0 };
  // In chunks, in order (a chat's digest before its Mẫu 04 drafts), yielding between them.
  let queued = 0;
  for (let i = 0; i < plan.messages.length; i += QUEUE_CHUNK) {
    if (i > 0) await nextTurn();
    queued += await deps.outbox.enqueueMany(plan.messages.slice(i, i + QUEUE_CHUNK), at);
  }
  return { ...plan, queued, alreadyQueued: plan.messages.length - queued };
}
