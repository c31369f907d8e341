// Bolt and the WebClient log through @slack/logger's interface; this forwards to our pino child.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

export function slackLogger(log: Logger): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (msg: unknown[]): string => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => log.debug({ lib: 'bolt' }, text(msg)),
    info: (...msg) => log.debug({ lib: 'bolt' }, text(msg)),
    warn: (...msg) => log.warn({ lib: 'bolt' }, text(msg)),
    error: (...msg) => log.error({ lib: 'bolt' }, text(msg)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
