// One pino logger, created in main/cli and passed down; modules take a child.
// JSON lines on stderr; readable lines when stderr is a terminal (LOG_FORMAT=json forces JSON).
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export function createLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  const opts = { level, base: { app: 'talent-radar' }, timestamp: pino.stdTimeFunctions.isoTime };
  const out = destination ?? process.stderr;
  const tty = (out as NodeJS.WriteStream).isTTY === true && process.env.LOG_FORMAT !== 'json';
  if (tty)
    return pino(
      opts,
      pretty({
        destination: out as NodeJS.WritableStream & { fd?: number },
        colorize: true,
        ignore: 'pid,hostname,app',
        translateTime: 'SYS:HH:MM:ss',
        sync: true,
      }),
    );
  return destination ? pino(opts, destination as pino.DestinationStream) : pino(opts, pino.destination(2));
}

/** A logger that writes nothing, for tests and pure CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
