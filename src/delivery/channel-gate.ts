// One message per interval per (platform, channel): deliveries to one channel run one after
// another, spaced by `intervalMs`; different channels do not wait for each other.

export interface ChannelGateOptions {
  intervalMs: number;
  now: () => number;
  /** Waits; resolves early when `abort` resolves (shutdown). */
  sleep: (ms: number) => Promise<void>;
}

export class ChannelGate {
  private readonly last = new Map<string, number>();
  private readonly blocked = new Map<string, number>();
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly o: ChannelGateOptions) {}

  /** Runs `fn` after every earlier task for `key`, once the channel's spacing allows. */
  run<T>(key: string, fn: (ready: () => Promise<void>) => Promise<T>): Promise<T> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(
      () => fn(() => this.waitTurn(key)),
      () => fn(() => this.waitTurn(key)),
    );
    const tail = next.catch(() => undefined);
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return next;
  }

  /** How long until `key` may post again (0 when it may now). */
  waitFor(key: string): number {
    const now = this.o.now();
    const spaced = (this.last.get(key) ?? -Infinity) + this.o.intervalMs;
    const until = Math.max(spaced, this.blocked.get(key) ?? -Infinity);
    return Math.max(0, until - now);
  }

  /** Marks a message sent now (the next one waits a full interval). */
  sent(key: string): void {
    this.last.set(key, this.o.now());
  }

  /** The platform asked us to wait (429): nothing goes to `key` before `untilMs`. */
  block(key: string, untilMs: number): void {
    this.blocked.set(key, Math.max(untilMs, this.blocked.get(key) ?? 0));
  }

  blockedUntil(key: string): number | undefined {
    const b = this.blocked.get(key);
    return b !== undefined && b > this.o.now() ? b : undefined;
  }

  private async waitTurn(key: string): Promise<void> {
    const ms = this.waitFor(key);
    if (ms > 0) await this.o.sleep(ms);
  }
}
