// Shared by the real-bin burst tests (replicas, Redis faults, Sentinel failover): a different person
// and move for every story, so no two generated stories are the same event, and a polling wait.

export const MOVES: ReadonlyArray<readonly [string, string]> = [
  ['OpenAI', 'Meta'],
  ['Google DeepMind', 'ByteDance'],
  ['Anthropic', 'xAI'],
  ['Alibaba', 'Moonshot AI'],
  ['Microsoft', 'Tencent'],
  ['Baidu', 'DeepSeek'],
];

const FIRST = ['Avery', 'Bruno', 'Chiara', 'Dara', 'Elif', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam'];
const LAST = ['Lindqvist', 'Costa', 'Okafor', 'Sahin', 'Haddad', 'Ito', 'Brandt', 'Moreau', 'Berg', 'Patel', 'Walsh', 'Rosen'];

/** The n-th person: first names cycle fastest, so n < first.length × last.length are all different. */
export function personNamer(first: readonly string[] = FIRST, last: readonly string[] = LAST): (n: number) => string {
  return (n) => `${first[n % first.length]} ${last[Math.floor(n / first.length) % last.length]}`;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every 100 ms until it is true; throws after `ms`. */
export async function waitFor(fn: () => boolean | Promise<boolean>, what: string, ms = 40_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
