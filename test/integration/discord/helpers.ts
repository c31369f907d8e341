// Shared bits for the Discord tests: a signing key, signed requests to the real endpoint, sample alerts.
import { generateKeyPairSync, sign } from 'node:crypto';
import type { Alert } from '../../../src/types.js';

export function makeSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  return {
    publicKeyHex,
    sign: (timestamp: string, body: string) => sign(null, Buffer.from(timestamp + body, 'utf8'), privateKey).toString('hex'),
  };
}

export async function postInteraction(baseUrl: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const res = await fetch(`${baseUrl}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

export const APP_ID = '775799577604522054';
export const CHANNEL = '111111111111111111';

let seq = 0;
/** A slash-command interaction payload for `/talent <sub> ...options`. */
export function commandPayload(
  sub: string,
  options: Array<{ name: string; value: string; type?: number; focused?: boolean }> = [],
  extra: { permissions?: string; userId?: string; type?: number } = {},
) {
  seq += 1;
  return {
    id: `90000000000000${String(seq).padStart(4, '0')}`,
    application_id: APP_ID,
    type: extra.type ?? 2,
    token: `tok${seq}`,
    version: 1,
    guild_id: '290926798626357999',
    channel_id: CHANNEL,
    channel: { id: CHANNEL, type: 0 },
    member: { user: { id: extra.userId ?? '53908232506183680', username: 'Mason' }, roles: [], permissions: extra.permissions ?? '0' },
    data: {
      id: '771825006014889984',
      name: 'talent',
      type: 1,
      options: [{ type: 1, name: sub, options: options.map((o) => ({ type: o.type ?? 3, name: o.name, value: o.value, focused: o.focused })) }],
    },
  };
}

export function sampleAlert(over: Partial<Alert> = {}, assess: Partial<Alert['assessment']> = {}): Alert {
  return {
    id: 'reuters:abc',
    source: 'Reuters Tech',
    title: 'OpenAI researcher joins DeepSeek',
    summary: 'A senior researcher left OpenAI for DeepSeek.',
    link: 'https://example.com/story?id=1',
    lang: 'en',
    published: '2026-11-28T10:00:00.000Z',
    fetchedAt: '2026-11-28T10:05:00.000Z',
    archivedAt: '2026-11-28T10:05:01.000Z',
    alsoReportedBy: [],
    ...over,
    assessment: {
      relevant: true,
      topics: ['talent'],
      score: 0.9,
      firms: ['OpenAI', 'DeepSeek'],
      moves: [{ person: 'Jane Doe', from: 'OpenAI', to: 'DeepSeek', role: 'research scientist', direction: 'US→CN' }],
      why: ['move verb'],
      summary: 'Jane Doe, a research scientist, moved from OpenAI to DeepSeek.',
      ...assess,
    },
  };
}
