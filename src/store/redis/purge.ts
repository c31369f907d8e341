// Retention: alerts archived before the cutoff go, with their index entries, 500 per step. Layout 2
// keeps no token list per alert (it would cost more than the postings), so step 1 reads the docs
// of such alerts and their tokens are derived here with the tokenizer ingest used (text.ts).
import type { Keys } from './keys.js';
import type { Scripts } from './scripts.js';
import { decodeAlert } from './codec.js';
import { alertTokens } from './text.js';

const BATCH = 500;

export async function purgeArchive(ctx: { k: Keys; scripts: Scripts }, cut: string, maxDead: number): Promise<void> {
  for (;;) {
    const flat = (await ctx.scripts.purgeScan(ctx.k.seq, ctx.k.base, cut, BATCH)) as string[];
    const ids: string[] = [];
    const toks: string[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      ids.push(flat[i]);
      toks.push(flat[i + 1] ? alertTokens(decodeAlert(flat[i + 1], null)).join(' ') : '');
    }
    await ctx.scripts.purge(ctx.k.seq, ctx.k.base, JSON.stringify({ ids, toks }), maxDead);
    if (ids.length < BATCH) return;
  }
}
