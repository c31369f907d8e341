// Discord embed limits, enforced for any input (discord.js's EmbedBuilder checks some per-field limits,
// never the 6000-character total across all embeds of one message, which Discord rejects with 50035).
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { truncate } from './text.js';

export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
  embeds: 10,
  content: 2000,
} as const;

const EMPTY = '\u200b';

/** Characters Discord counts towards the 6000 total for these embeds. */
export function embedChars(embeds: APIEmbed[]): number {
  return embeds.reduce(
    (n, e) =>
      n +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );
}

function clampEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.title) || undefined;
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.description) || undefined;
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) || EMPTY };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.author) || EMPTY };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.fields).map((f): APIEmbedField => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || EMPTY,
      value: truncate(f.value, LIMITS.fieldValue) || EMPTY,
    }));
  }
  return out;
}

type Slot = { get: () => string; set: (v: string) => void; floor: number };

function slots(embeds: APIEmbed[]): Slot[] {
  const list: Slot[] = [];
  for (const e of embeds) {
    if (e.description) list.push({ get: () => e.description ?? '', set: (v) => (e.description = v), floor: 64 });
    for (const f of e.fields ?? []) list.push({ get: () => f.value, set: (v) => (f.value = v), floor: 32 });
    if (e.title) list.push({ get: () => e.title ?? '', set: (v) => (e.title = v), floor: 48 });
    for (const f of e.fields ?? []) list.push({ get: () => f.name, set: (v) => (f.name = v), floor: 24 });
  }
  return list;
}

/**
 * Returns embeds that satisfy every per-part limit and the 6000 total: the longest texts are cut first,
 * none below a readable floor; if that is still not enough, trailing fields and then trailing embeds go.
 */
export function fitEmbeds(input: APIEmbed[]): APIEmbed[] {
  const embeds = input.slice(0, LIMITS.embeds).map(clampEmbed);
  for (let guard = 0; guard < 1000 && embedChars(embeds) > LIMITS.total; guard++) {
    const over = embedChars(embeds) - LIMITS.total;
    const longest = slots(embeds)
      .filter((s) => s.get().length > s.floor)
      .sort((a, b) => b.get().length - a.get().length)[0];
    if (longest) {
      const cur = longest.get();
      longest.set(truncate(cur, Math.max(longest.floor, cur.length - over)));
      continue;
    }
    const last = embeds[embeds.length - 1]!;
    if (last.fields?.length) last.fields.pop();
    else if (embeds.length > 1) embeds.pop();
    else {
      last.description = truncate(last.description ?? '', 1000) || undefined;
      last.title = truncate(last.title ?? '', 200) || undefined;
    }
  }
  return embeds;
}
