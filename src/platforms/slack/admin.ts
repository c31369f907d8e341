// Who may subscribe/unsubscribe: workspace admins and owners (users.info), or ids in config admins.slack.
import type { Logger } from '../../log.js';
import type { WebClient } from './client.js';

export interface AdminCheckOptions {
  client: WebClient;
  admins: string[];
  log: Logger;
  now?: () => number;
  cacheMs?: number;
}

export function createAdminCheck(opts: AdminCheckOptions): (userId: string) => Promise<boolean> {
  const now = opts.now ?? Date.now;
  const ttl = opts.cacheMs ?? 5 * 60_000;
  const cache = new Map<string, { admin: boolean; until: number }>();
  const listed = new Set(opts.admins);
  return async (userId) => {
    if (listed.has(userId)) return true;
    const hit = cache.get(userId);
    if (hit && hit.until > now()) return hit.admin;
    try {
      const res = await opts.client.users.info({ user: userId });
      const u = res.user;
      const admin = !!(u?.is_admin || u?.is_owner || u?.is_primary_owner);
      cache.set(userId, { admin, until: now() + ttl });
      return admin;
    } catch (err) {
      // Without the answer we refuse politely rather than grant; not cached, so the next try asks again.
      opts.log.warn({ err, user: userId }, 'users.info failed; treating the user as not an admin (needs the users:read scope)');
      return false;
    }
  };
}
