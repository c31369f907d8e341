// A minimal Socket Mode server for tests: a WebSocket endpoint (RFC 6455, text frames, ping/pong,
// close) on 127.0.0.1 that says `hello`, pushes envelopes and records the client's acks.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(len));
              return b;
            })(),
          ]);
  return Buffer.concat([head, payload]);
}

/** Parses complete client frames (always masked) off the front of `buf`. */
function* frames(state: { buf: Buffer }): Generator<{ opcode: number; payload: Buffer }> {
  for (;;) {
    const b = state.buf;
    if (b.length < 2) return;
    let len = b[1]! & 0x7f;
    let off = 2;
    if (len === 126) ((len = b.length >= 4 ? b.readUInt16BE(2) : -1), (off = 4));
    else if (len === 127) ((len = b.length >= 10 ? Number(b.readBigUInt64BE(2)) : -1), (off = 10));
    if (len < 0 || b.length < off + 4 + len) return;
    const mask = b.subarray(off, off + 4);
    const payload = Buffer.from(b.subarray(off + 4, off + 4 + len));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    state.buf = b.subarray(off + 4 + len);
    yield { opcode: b[0]! & 0x0f, payload };
  }
}

export class FakeSlackSocket {
  readonly acks: Array<{ envelope_id: string; payload: unknown }> = [];
  private server?: Server;
  private sockets = new Set<Socket>();
  port = 0;

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link`;
  }

  async start(): Promise<this> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket) => this.accept(req, socket));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private accept(req: IncomingMessage, socket: Socket): void {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    const state = { buf: Buffer.alloc(0) };
    socket.on('data', (d: Buffer) => {
      state.buf = Buffer.concat([state.buf, d]);
      for (const f of frames(state)) {
        if (f.opcode === 0x1) this.acks.push(JSON.parse(f.payload.toString('utf8')));
        else if (f.opcode === 0x9) socket.write(frame(0xa, f.payload));
        else if (f.opcode === 0x8) socket.end(frame(0x8, f.payload.subarray(0, 2)));
      }
    });
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }))));
  }

  /** Pushes an envelope to every connected client. */
  push(envelope: { envelope_id: string; type: string; payload: unknown; accepts_response_payload?: boolean }): void {
    for (const s of this.sockets) s.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
  }

  get connections(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const srv = this.server;
    if (srv) await new Promise<void>((r) => srv.close(() => r()));
  }
}
