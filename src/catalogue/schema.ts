// The catalogue's data model: one YAML file per procedure, plus calendar.yaml and offices.yaml.
// Every object is strict, so a misspelt key in a YAML file is reported rather than ignored.
import { z } from 'zod';

/** National procedure code, e.g. 1.001193. */
export const procedureCodeSchema = z.string().regex(/^\d\.\d{6}$/, 'must look like 1.001193');

/** Levels as the national database names them; `district` survives only in pre-2025 data. */
export const levelSchema = z.enum(['ministry', 'province', 'district', 'commune', 'other']);

export const channelKindSchema = z.enum(['direct', 'postal', 'online']);

export const timeUnitSchema = z.enum(['working_days', 'days', 'hours', 'months']);

/** A processing time: a number and unit when the law gives one, and always the published text. */
export const processingTimeSchema = z.strictObject({
  value: z.number().positive().optional(),
  unit: timeUnitSchema.optional(),
  text: z.string(),
});

/** A fee line: amount in đồng (0 = free) when known, and always the published text. */
export const feeSchema = z.strictObject({
  amount: z.number().int().min(0).nullable(),
  text: z.string(),
});

export const submissionChannelSchema = z.strictObject({
  kind: channelKindSchema,
  time: processingTimeSchema.optional(),
  fees: z.array(feeSchema).default([]),
  note: z.string().optional(),
});

export const paperSchema = z.strictObject({
  name: z.string().min(1),
  originals: z.number().int().min(0).default(0),
  copies: z.number().int().min(0).default(0),
  form: z.string().optional(),
  note: z.string().optional(),
});

/** Papers are grouped: what must be submitted or shown, optionally for one case ("Trường hợp …"). */
export const paperGroupSchema = z.strictObject({
  kind: z.enum(['submit', 'present']).default('submit'),
  case: z.string().optional(),
  papers: z.array(paperSchema).min(1),
});

export const legalBasisSchema = z.strictObject({
  number: z.string().optional(),
  title: z.string(),
});

export const resultSchema = z.strictObject({
  name: z.string().min(1),
  code: z.string().optional(),
});

export const sourceSchema = z.strictObject({
  url: z.url(),
  decision: z.string().optional(),
  retrievedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-07-01'),
});

export const procedureSchema = z.strictObject({
  code: procedureCodeSchema,
  name: z.string().min(1),
  field: z.string().min(1),
  levels: z.array(levelSchema).min(1),
  type: z.string().optional(),
  applicants: z.string().optional(),
  agencies: z
    .strictObject({
      competent: z.string().optional(),
      implementing: z.string().optional(),
      delegated: z.string().optional(),
      coordinating: z.string().optional(),
    })
    .default({}),
  submissionAddress: z.string().optional(),
  channels: z.array(submissionChannelSchema).default([]),
  papers: z.array(paperGroupSchema).default([]),
  steps: z.array(z.string()).default([]),
  conditions: z.string().optional(),
  legalBasis: z.array(legalBasisSchema).default([]),
  results: z.array(resultSchema).default([]),
  related: z.array(z.string()).default([]),
  source: sourceSchema,
  keywords: z.array(z.string()).default([]),
  /** Uses per year on the national portal (portal-popularity.jsonl); 0 when unknown. */
  popularity: z.number().int().min(0).default(0),
});

export type Level = z.infer<typeof levelSchema>;
export type ChannelKind = z.infer<typeof channelKindSchema>;
export type TimeUnit = z.infer<typeof timeUnitSchema>;
export type ProcessingTime = z.infer<typeof processingTimeSchema>;
export type Fee = z.infer<typeof feeSchema>;
export type SubmissionChannel = z.infer<typeof submissionChannelSchema>;
export type Paper = z.infer<typeof paperSchema>;
export type PaperGroup = z.infer<typeof paperGroupSchema>;
export type Procedure = z.infer<typeof procedureSchema>;
/** What a YAML file may omit (defaults filled in by the schema). */
export type ProcedureInput = z.input<typeof procedureSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-24');

/** One entry of the working-day calendar: a single date or an inclusive range. */
export const calendarEntrySchema = z
  .strictObject({
    date: isoDate.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    name: z.string(),
  })
  .refine((e) => (e.date !== undefined) !== (e.from !== undefined && e.to !== undefined), {
    message: 'give either date, or from and to',
  });

export const calendarYearSchema = z.strictObject({
  /** Public holidays and official days off (including swapped days). */
  daysOff: z.array(calendarEntrySchema).default([]),
  /** Saturdays or Sundays that are working days (make-up days). */
  workingDays: z.array(calendarEntrySchema).default([]),
  note: z.string().optional(),
});

export const calendarSchema = z.strictObject({
  timezone: z.literal('Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
  /** Paper dossiers received at or after this local time count from the next working day. */
  cutoff: z.string().regex(/^\d{2}:\d{2}$/).default('15:00'),
  years: z.record(z.string().regex(/^\d{4}$/, 'year keys look like 2026'), calendarYearSchema),
});

export type CalendarEntry = z.infer<typeof calendarEntrySchema>;
export type CalendarData = z.infer<typeof calendarSchema>;

export const officeSchema = z.strictObject({
  /** Used in URLs: /listings/<id>. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lowercase letters, digits and dashes'),
  name: z.string(),
  level: z.enum(['commune', 'province']),
  /** The receiving agency's code (QCVN 102:2016), as in dossier codes. */
  agencyCode: z.string().optional(),
  province: z.string().optional(),
  address: z.string(),
  hours: z.string(),
  phone: z.string().optional(),
  /** Procedure codes handled here; absent means every procedure at the office's level. */
  procedures: z.array(procedureCodeSchema).optional(),
});

export const officesSchema = z.strictObject({
  offices: z.array(officeSchema),
});

export type Office = z.infer<typeof officeSchema>;
