// Slack's external upload flow: files.getUploadURLExternal → POST the bytes → files.completeUploadExternal.
import type { WebClient } from './client.js';
import { toPlatformError } from './errors.js';
import { PlatformError } from '../../delivery/poster.js';

export interface UploadPngOptions {
  client: WebClient;
  fetch?: typeof fetch;
  channel: string;
  threadTs?: string;
  /** base64 PNG */
  png: string;
  title: string;
  filename?: string;
}

export async function uploadPng(opts: UploadPngOptions): Promise<string> {
  const bytes = Buffer.from(opts.png, 'base64');
  const filename = opts.filename ?? 'talent-flows.png';
  let target;
  try {
    target = await opts.client.files.getUploadURLExternal({ filename, length: bytes.length });
  } catch (err) {
    throw toPlatformError(err, 'files.getUploadURLExternal');
  }
  if (!target.upload_url || !target.file_id) throw new PlatformError('slack', 'transient', 'files.getUploadURLExternal gave no upload_url');
  const res = await (opts.fetch ?? fetch)(target.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: new Uint8Array(bytes),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) {
    throw new PlatformError('slack', res.status >= 500 ? 'transient' : 'permanent', `chart upload answered HTTP ${res.status}`, undefined, {
      code: `SLACK_UPLOAD_${res.status}`,
    });
  }
  try {
    await opts.client.files.completeUploadExternal({
      files: [{ id: target.file_id, title: opts.title.slice(0, 200) }],
      channel_id: opts.channel,
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
    } as never);
  } catch (err) {
    throw toPlatformError(err, 'files.completeUploadExternal');
  }
  return target.file_id;
}
