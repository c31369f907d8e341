// SlackPoster: posts, updates and finds alert messages with chat.postMessage / chat.update,
// tagging each with its delivery id in message metadata so a crash never posts twice.
import type { Alert, Assessment, Delivery } from '../../types.js';
import { PlatformError, type DeliveryContent, type Poster, type PostResult } from '../../delivery/poster.js';
import type { Logger } from '../../log.js';
import type { WebClient } from './client.js';
import { slackErrorString, toPlatformError } from './errors.js';
import { renderAlert } from './render-alert.js';
import { renderDigest, renderNotice } from './render-digest.js';
import type { SlackMessage } from './blocks.js';
import { uploadPng } from './upload.js';
import { withFeedback } from './feedback.js';
import { withMention } from './mention.js';
import { renderRetelling } from './thread.js';
import { retellingsOf } from '../../pipeline/folds.js';

export const METADATA_EVENT = 'talent_radar_delivery';

export interface SlackPosterOptions {
  client: WebClient;
  log: Logger;
  /** For the upload step of files.getUploadURLExternal (a plain HTTP POST to the URL Slack gives). */
  fetch?: typeof fetch;
  /** The user group an alert pings in a channel (routes[].mention); absent or undefined: no mention. */
  mentionFor?: (channel: string, assessment: Assessment) => string | undefined;
  /** `thread`: late retellings reply in the alert's thread instead of editing it (routes[].folds). */
  foldsFor?: (channel: string) => 'edit' | 'thread';
  /** How many history pages findPosted scans at most (default 5), and their size (default 200). */
  historyPages?: number;
  historyPageSize?: number;
}

/** messageId is `channel/ts`: chat.update needs the channel id Slack answered with. */
export const encodeMessageId = (channel: string, ts: string): string => `${channel}/${ts}`;
export function decodeMessageId(id: string, fallbackChannel: string): { channel: string; ts: string } {
  const i = id.indexOf('/');
  return i > 0 ? { channel: id.slice(0, i), ts: id.slice(i + 1) } : { channel: fallbackChannel, ts: id };
}

export function renderContent(content: DeliveryContent, mention?: string): SlackMessage {
  switch (content.kind) {
    case 'alert':
    case 'update':
      return withMention(withFeedback(renderAlert(content.alert), content.alert.id), mention);
    case 'notice':
      return renderNotice(content.text);
    case 'digest':
      return renderDigest(content.digest);
  }
}

export class SlackPoster implements Poster {
  readonly platform = 'slack' as const;
  constructor(private readonly opts: SlackPosterOptions) {}

  private mention(delivery: Delivery, content: DeliveryContent): string | undefined {
    return content.kind === 'alert' || content.kind === 'update' ? this.opts.mentionFor?.(delivery.channel, content.alert.assessment) : undefined;
  }

  async post(delivery: Delivery, content: DeliveryContent): Promise<PostResult> {
    const msg = renderContent(content, this.mention(delivery, content));
    const metadata = { event_type: METADATA_EVENT, event_payload: { delivery_id: delivery.id } };
    const send = (m: Partial<SlackMessage>) => this.opts.client.chat.postMessage({ channel: delivery.channel, ...m, metadata } as never);
    let res;
    try {
      res = await send(msg);
    } catch (err) {
      // A rendering Slack refuses must not lose the alert: fall back to the plain text.
      if (slackErrorString(err) !== 'invalid_blocks') throw toPlatformError(err, 'chat.postMessage');
      this.opts.log.warn({ err, delivery: delivery.id }, 'slack refused the blocks; posting plain text');
      res = await send({ text: msg.text, unfurl_links: false, unfurl_media: false }).catch((e: unknown) => {
        throw toPlatformError(e, 'chat.postMessage');
      });
    }
    if (!res.ts) throw new PlatformError('slack', 'transient', 'chat.postMessage answered without ts');
    const channel = res.channel ?? delivery.channel;
    if (content.kind === 'digest' && content.digest.chartPng) {
      // After the post, in its thread: a failed chart must not make the digest post twice.
      await uploadPng({
        client: this.opts.client,
        fetch: this.opts.fetch,
        channel,
        threadTs: res.ts,
        png: content.digest.chartPng,
        title: content.digest.title,
      }).catch((err: unknown) => this.opts.log.warn({ err, delivery: delivery.id }, 'digest chart upload failed; the digest text was posted'));
    }
    return { messageId: encodeMessageId(channel, res.ts) };
  }

  async update(delivery: Delivery, messageId: string, content: DeliveryContent): Promise<void> {
    const { channel, ts } = decodeMessageId(messageId, delivery.channel);
    if ((content.kind === 'alert' || content.kind === 'update') && this.opts.foldsFor?.(delivery.channel) === 'thread')
      return this.replyInThread(delivery, channel, ts, content.alert.alsoReportedBy);
    const msg = renderContent(content, this.mention(delivery, content));
    try {
      await this.opts.client.chat.update({ channel, ts, text: msg.text, blocks: msg.blocks } as never);
    } catch (err) {
      throw toPlatformError(err, 'chat.update');
    }
  }

  /** One reply per retelling: tagged with the delivery id, and looked for first when this is a retry. */
  private async replyInThread(delivery: Delivery, channel: string, ts: string, also: Alert['alsoReportedBy']): Promise<void> {
    const shown = retellingsOf(delivery, also);
    if (!shown.length) return;
    const metadata = { event_type: METADATA_EVENT, event_payload: { delivery_id: delivery.id } };
    try {
      if (delivery.attempts > 0) {
        const replies = await this.opts.client.conversations.replies({ channel, ts, include_all_metadata: true, limit: 200 } as never);
        const done = (replies.messages ?? []).some(
          (m) => (m.metadata as { event_payload?: { delivery_id?: unknown } } | undefined)?.event_payload?.delivery_id === delivery.id,
        );
        if (done) return;
      }
      await this.opts.client.chat.postMessage({ channel, thread_ts: ts, ...renderRetelling(shown), metadata } as never);
    } catch (err) {
      throw toPlatformError(err, 'chat.postMessage (thread reply)');
    }
  }

  async findPosted(delivery: Delivery): Promise<string | null> {
    const created = Date.parse(delivery.createdAt);
    const oldest = Number.isFinite(created) ? String(Math.floor(created / 1000) - 60) : undefined;
    let cursor: string | undefined;
    for (let page = 0; page < (this.opts.historyPages ?? 5); page++) {
      let res;
      try {
        res = await this.opts.client.conversations.history({
          channel: delivery.channel,
          oldest,
          limit: this.opts.historyPageSize ?? 200,
          include_all_metadata: true,
          cursor,
        });
      } catch (err) {
        throw toPlatformError(err, 'conversations.history');
      }
      for (const m of res.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: { delivery_id?: unknown } } | undefined;
        if (meta?.event_type === METADATA_EVENT && meta.event_payload?.delivery_id === delivery.id && m.ts) return encodeMessageId(delivery.channel, m.ts);
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) break;
    }
    return null;
  }
}
