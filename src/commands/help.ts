// `/talent help`: what every subcommand does and how to call it. Ephemeral.
import type { Reply } from './types.js';
import { USAGE } from './usage.js';

const WHAT: Record<keyof typeof USAGE, string> = {
  search: 'search past alerts (English or Chinese); ten a page',
  subscribe: 'send alerts about a firm or topic to this channel (admins)',
  unsubscribe: 'stop a subscription of this channel (admins)',
  list: "this channel's subscriptions, routes and digest",
  firms: 'the firms the bot knows',
  sources: 'the news feeds and their health; admins add or remove feeds from chat',
  digest: 'a daily or weekly summary in this channel, or none (admins)',
  help: 'this help',
  watch: 'post every new alert matching a search here (admins), or with "me" in your DMs (anyone)',
  watches: "this channel's watches and yours, numbered",
  unwatch: 'stop watch number n from /talent watches',
};

export function help(): Reply {
  const lines = (Object.keys(USAGE) as Array<keyof typeof USAGE>).map((k) => `${USAGE[k]} — ${WHAT[k]}`);
  lines.push('Quote phrases: /talent search "chief scientist" firm:"Moonshot AI" since:30d');
  return { type: 'text', ephemeral: true, title: '/talent — AI talent moves and super-app news', lines };
}
