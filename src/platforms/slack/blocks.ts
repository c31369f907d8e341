// Block Kit limits and small builders that enforce them, so no renderer can exceed them.
import { cut } from './text.js';

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  header: 150,
  contextElements: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  /** Top-level `text` fallback: Slack truncates at 40k; we keep notifications short. */
  fallback: 3000,
} as const;

export type Block = Record<string, unknown>;

export interface SlackMessage {
  text: string;
  blocks: Block[];
  unfurl_links: false;
  unfurl_media: false;
}

const clip = cut;

export const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text: clip(text.trim() || '…', LIMITS.header), emoji: true } });

export const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text.trim() || '…', LIMITS.sectionText) } });

export const context = (texts: string[]): Block => ({
  type: 'context',
  elements: texts
    .filter((t) => t.length > 0)
    .slice(0, LIMITS.contextElements)
    .map((t) => ({ type: 'mrkdwn', text: clip(t, LIMITS.contextText) })),
});

export const divider = (): Block => ({ type: 'divider' });

export function button(text: string, actionId: string, opts: { url?: string; value?: string; style?: 'primary' } = {}): Block {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    ...(opts.url && opts.url.length <= LIMITS.url ? { url: opts.url } : {}),
    ...(opts.value !== undefined ? { value: clip(opts.value, LIMITS.buttonValue) } : {}),
    ...(opts.style ? { style: opts.style } : {}),
  };
}

export const actions = (elements: Block[]): Block => ({ type: 'actions', elements: elements.slice(0, 25) });

/** The final guard: drops empty context blocks, caps the block count and the fallback text. */
export function message(text: string, blocks: Block[]): SlackMessage {
  const kept = blocks.filter((b) => b.type !== 'context' || (b.elements as unknown[]).length > 0);
  return { text: clip(text || ' ', LIMITS.fallback), blocks: kept.slice(0, LIMITS.blocks), unfurl_links: false, unfurl_media: false };
}
