// A local OpenAI-compatible chat-completions server for tests: answers with a scripted
// verdict, or stalls, returns garbage, or fails with 500 on demand. Records every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LlmMode = { kind: 'answer'; content: string } | { kind: 'stall'; ms: number } | { kind: 'garbage' } | { kind: 'status'; status: number };

export interface FakeLlm {
  url: string;
  requests: Array<{ path: string; auth?: string; body: { model?: string; messages?: Array<{ role: string; content: string }> } }>;
  setMode(mode: LlmMode): void;
  close(): Promise<void>;
}

export async function startFakeLlm(initial: LlmMode = { kind: 'answer', content: '{"relevant":true,"topics":["talent"]}' }): Promise<FakeLlm> {
  let mode = initial;
  const requests: FakeLlm['requests'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    requests.push({ path: req.url ?? '', auth: req.headers.authorization, body: raw ? JSON.parse(raw) : {} });
    const m = mode;
    if (m.kind === 'stall') {
      const t = setTimeout(() => {
        timers.delete(t);
        res.end('{}');
      }, m.ms);
      timers.add(t);
      return;
    }
    if (m.kind === 'status') {
      res.writeHead(m.status, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}');
      return;
    }
    if (m.kind === 'garbage') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'sure! relevant: yes :)' } }] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: 'x',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: m.content }, finish_reason: 'stop' }],
      }),
    );
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setMode: (m) => (mode = m),
    close: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
