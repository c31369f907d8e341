// What each platform implements so the platform-neutral outbox worker can deliver to it.
import type { Alert, Delivery, Platform } from '../types.js';

/** What a delivery carries to the platform, resolved by the worker from the store. */
export type DeliveryContent =
  { kind: 'alert'; alert: Alert } | { kind: 'update'; alert: Alert } | { kind: 'notice'; text: string } | { kind: 'digest'; digest: DigestPayload };

export interface DigestPayload {
  title: string;
  period: 'daily' | 'weekly';
  /** Markdown-free plain lines grouped by topic; platforms render them. */
  sections: Array<{ heading: string; alerts: Alert[] }>;
  flows: Array<{ from: string; to: string; direction?: string; count: number }>;
  /** PNG bytes of the talent-flow chart, base64. */
  chartPng?: string;
}

export interface PostResult {
  messageId: string;
}

export interface Poster {
  readonly platform: Platform;
  /** Posts a new message. Throws PlatformError. */
  post(delivery: Delivery, content: DeliveryContent): Promise<PostResult>;
  /** Edits a posted message (duplicates folded in as "also reported by"). */
  update(delivery: Delivery, messageId: string, content: DeliveryContent): Promise<void>;
  /**
   * After a crash between post and acknowledgement: finds the message this delivery
   * already produced (Slack: message metadata in channel history; Discord: nonce), or null.
   */
  findPosted(delivery: Delivery): Promise<string | null>;
}

export type PlatformErrorKind = 'rate_limited' | 'transient' | 'permanent';

export class PlatformError extends Error {
  readonly code: string;
  constructor(
    readonly platform: Platform,
    readonly kind: PlatformErrorKind,
    message: string,
    /** For rate_limited: how long the platform asked us to wait. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown; code?: string },
  ) {
    super(`${platform}: ${message}`, options);
    this.name = 'PlatformError';
    this.code = options?.code ?? `PLATFORM_${kind.toUpperCase()}`;
  }
}
