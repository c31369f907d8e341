// Poster for Discord through @discordjs/rest. Each delivery carries a nonce derived from its id with
// enforce_nonce, so Discord itself returns the first message when a crashed worker posts again; the
// same id also appears as a footer marker, which findPosted looks for in recent channel history.
import { createHash } from 'node:crypto';
import type { REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import type { DeliveryContent, PostResult, Poster } from '../../delivery/poster.js';
import type { Assessment, Delivery } from '../../types.js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import { renderContent, type OutgoingMessage } from './render.js';
import { toPlatformError } from './rest.js';
import { MAX_REF } from './feedback.js';
import { refHash } from '../../feedback/ref.js';
import { retellingsOf } from '../../pipeline/folds.js';
import { renderRetelling } from './thread.js';
import { alertDeliveryId } from '../../delivery/ids.js';

/** Discord nonces are at most 25 characters. */
export function deliveryNonce(deliveryId: string): string {
  return createHash('sha256').update(deliveryId).digest('hex').slice(0, 25);
}

/** Short visible marker in the footer: `ref:` + 10 hex digits of the nonce. */
export function deliveryMarker(deliveryId: string): string {
  return `ref:${deliveryNonce(deliveryId).slice(0, 10)}`;
}

export interface DiscordPosterOptions {
  rest: REST;
  log?: Logger;
  metrics?: Metrics;
  /** Stores `#hash` → alert id for alert ids too long for a button's custom_id (see feedback/ref.ts). */
  rememberRef?: (hash: string, alertId: string) => Promise<void>;
  /** The role an alert pings in a channel (routes[].mention); absent or undefined: no mention. */
  mentionFor?: (channel: string, assessment: Assessment) => string | undefined;
  /** `thread`: late retellings reply to the alert's message instead of editing it (routes[].folds). */
  foldsFor?: (channel: string) => 'edit' | 'thread';
  /** How many recent messages findPosted scans. Default 50 (Discord's maximum per page is 100). */
  historyLimit?: number;
}

function requestOf(msg: OutgoingMessage): { body: Record<string, unknown>; files?: Array<{ name: string; data: Buffer; contentType?: string }> } {
  const { files, ...body } = msg;
  if (!files?.length) return { body };
  return { body: { ...body, attachments: files.map((f, i) => ({ id: i, filename: f.name })) }, files };
}

export class DiscordPoster implements Poster {
  readonly platform = 'discord' as const;
  constructor(private readonly opts: DiscordPosterOptions) {}

  private mention(delivery: Delivery, content: DeliveryContent): string | undefined {
    return content.kind === 'alert' || content.kind === 'update' ? this.opts.mentionFor?.(delivery.channel, content.alert.assessment) : undefined;
  }

  async post(delivery: Delivery, content: DeliveryContent): Promise<PostResult> {
    if (content.kind === 'alert' && content.alert.id.length > MAX_REF) await this.opts.rememberRef?.(refHash(content.alert.id), content.alert.id);
    const msg = renderContent(content, deliveryMarker(delivery.id), this.mention(delivery, content));
    const { body, files } = requestOf(msg);
    try {
      const res = (await this.opts.rest.post(Routes.channelMessages(delivery.channel), {
        body: { ...body, nonce: deliveryNonce(delivery.id), enforce_nonce: true },
        files,
      })) as APIMessage;
      return { messageId: res.id };
    } catch (err) {
      throw toPlatformError(err, `posting ${delivery.kind} to channel ${delivery.channel}`);
    }
  }

  async update(delivery: Delivery, messageId: string, content: DeliveryContent): Promise<void> {
    if ((content.kind === 'alert' || content.kind === 'update') && this.opts.foldsFor?.(delivery.channel) === 'thread') {
      const shown = retellingsOf(delivery, content.alert.alsoReportedBy);
      if (!shown.length) return;
      try {
        // The nonce makes a retried reply come back as the first one instead of a second message.
        await this.opts.rest.post(Routes.channelMessages(delivery.channel), {
          body: { ...renderRetelling(shown, messageId), nonce: deliveryNonce(`${delivery.id}:thread`), enforce_nonce: true },
        });
      } catch (err) {
        throw toPlatformError(err, `replying to message ${messageId} in channel ${delivery.channel}`);
      }
      return;
    }
    // Keep the marker of the original delivery so a later findPosted still recognises the message.
    const marker =
      delivery.kind === 'update' && delivery.alertId
        ? deliveryMarker(alertDeliveryId('discord', delivery.channel, delivery.alertId))
        : deliveryMarker(delivery.id);
    const { body, files } = requestOf(renderContent(content, marker, this.mention(delivery, content)));
    try {
      await this.opts.rest.patch(Routes.channelMessage(delivery.channel, messageId), { body, files });
    } catch (err) {
      throw toPlatformError(err, `editing message ${messageId} in channel ${delivery.channel}`);
    }
  }

  async findPosted(delivery: Delivery): Promise<string | null> {
    const nonce = deliveryNonce(delivery.id);
    const marker = deliveryMarker(delivery.id);
    let messages: APIMessage[];
    try {
      const query = new URLSearchParams({ limit: String(this.opts.historyLimit ?? 50) });
      messages = (await this.opts.rest.get(Routes.channelMessages(delivery.channel), { query })) as APIMessage[];
    } catch (err) {
      throw toPlatformError(err, `reading recent messages of channel ${delivery.channel}`);
    }
    const hit = messages.find((m) => m.nonce === nonce || (m.embeds ?? []).some((e) => e.footer?.text?.includes(marker)));
    return hit?.id ?? null;
  }
}
