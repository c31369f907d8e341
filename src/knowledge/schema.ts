// zod schemas of config/firms.yml and config/topics.yml. Users extend both files; a bad
// entry is reported with the file, the entry and the field (see load.ts).
import { z } from 'zod';

const term = z.string().trim().min(1, 'empty term; remove it or write the word');
const terms = z.array(term).default([]);

/** An alias that needs context, so name traps (the Amazon river, a Tesla coil) do not match. */
export const guardSchema = z.strictObject({
  term,
  /** Match the exact case only ("Apple", not "apple"). */
  case: z.boolean().default(true),
  /** Reject when the word right before is one of these (lower case). */
  notBefore: terms,
  /** Reject when the word right after is one of these (lower case; a hyphen counts as a space). */
  notAfter: terms,
  /** Accept only when one of these also appears anywhere in the item (folded, any case). */
  requires: terms,
  /** Reject when the previous word is capitalized ("Pixel X", "HyperCLOVA X"): the term ends another name. */
  notAfterName: z.boolean().default(false),
});

export const firmSchema = z.strictObject({
  name: z.string().trim().min(1, 'every firm needs its canonical name'),
  region: z
    .string()
    .trim()
    .regex(/^[A-Z]{2,5}$/, 'region is a code such as US, CN, SG, ID, IN, KR, JP, EU, UK, FR, CA, IL'),
  /** An AI lab: a mention alone is AI context. */
  ai: z.boolean().default(false),
  /** The firm's own name stands for a super-app (Grab, Gojek, Paytm, Meituan, LINE, X): its mentions are super-app signals. */
  superapp: z.boolean().default(false),
  /** Emit in assessments' `firms` (false: known only for moves and directions). */
  report: z.boolean().default(true),
  aliases: terms,
  products: terms,
  /** AI model families and assistants: a mention is AI context. */
  models: terms,
  /** AI research teams and labs inside the firm: AI context too. */
  teams: terms,
  subsidiaries: terms,
  /** Names of the firm's super-apps; a mention is a super-app signal. */
  superapps: terms,
  guarded: z.array(guardSchema).default([]),
});

export const firmsFileSchema = z.strictObject({ firms: z.array(firmSchema).min(1, 'list at least one firm') });

const family = z.strictObject({
  weight: z.number().min(-10).max(10),
  /** At most this many hits of the family count. */
  cap: z.number().int().min(1).max(20).default(3),
  terms: z.array(term).min(1, 'a family needs at least one term'),
});

/** Families the rules read; each is a weighted list of English and Chinese terms. */
export const REQUIRED_FAMILIES = [
  'ai',
  'aiRole',
  'people',
  'move',
  'war',
  'policy',
  'superapp',
  'feature',
  'ecosystem',
  'wildlife',
  'nature',
  'dataMigration',
  'sports',
  'showbiz',
  'execRole',
  'gadget',
  'earnings',
  'exportControl',
] as const;
export type FamilyName = (typeof REQUIRED_FAMILIES)[number];

export const topicsFileSchema = z.strictObject({
  /** Logistic bias per topic: higher means more evidence is needed. */
  bias: z.strictObject({ talent: z.number(), superapp: z.number() }),
  families: z.record(z.string(), family),
});

export type FirmEntry = z.infer<typeof firmSchema>;
export type GuardEntry = z.infer<typeof guardSchema>;
export type TopicsFile = z.infer<typeof topicsFileSchema>;
export type FamilyEntry = z.infer<typeof family>;
