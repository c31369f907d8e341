// One pino logger, created in main/cli and passed down; modules take a child.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  const opts = { level, base: { app: 'talent-radar' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(opts, destination as pino.DestinationStream) : pino(opts, pino.destination(2));
}

/** A logger that writes nothing, for tests and pure CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
