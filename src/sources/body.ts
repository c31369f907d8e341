// Reading a response body under a byte cap: the wire bytes and the decompressed bytes are
// both counted while streaming, and reading stops the moment either passes the cap.
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from './errors.js';

function tooLarge(url: string, maxBytes: number, what: string): FetchError {
  return new FetchError('TOO_LARGE', `${url}: the ${what} passed ${maxBytes} bytes and was cut off; raise fetch.maxBytes if this feed is really that big`, url);
}

/** Peeks at the first chunk: zlib-wrapped deflate (RFC 1950) or raw deflate (what some servers send). */
async function inflater(src: Readable): Promise<[Readable, zlib.Inflate | zlib.InflateRaw]> {
  const it = src[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await it.next();
  const b = first.done ? Buffer.alloc(0) : first.value;
  const wrapped = b.length >= 2 && (b[0] & 0x0f) === 8 && ((b[0] << 8) | b[1]) % 31 === 0;
  const rest = Readable.from(
    (async function* () {
      if (!first.done) yield first.value;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    })(),
  );
  return [rest, wrapped ? zlib.createInflate() : zlib.createInflateRaw()];
}

async function decoder(stream: Readable, encoding: string, url: string): Promise<Readable> {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return pipeline(stream, zlib.createGunzip(), () => {});
    case 'br':
      return pipeline(stream, zlib.createBrotliDecompress(), () => {});
    case 'deflate': {
      const [rest, z] = await inflater(stream);
      return pipeline(rest, z, () => {});
    }
    case 'identity':
    case '':
      return stream;
    default:
      throw new FetchError('NETWORK', `${url}: unsupported Content-Encoding "${encoding}"; the server should send gzip, deflate, br or none`, url);
  }
}

/** Reads the whole body, decoding Content-Encoding, refusing more than `maxBytes` before or after decoding. */
export async function readCapped(body: Readable, contentEncoding: string | undefined, maxBytes: number, url: string): Promise<Buffer> {
  let wire = 0;
  const counted = new Readable({ read() {} });
  body.on('data', (chunk: Buffer) => {
    wire += chunk.length;
    if (wire > maxBytes) {
      body.destroy();
      counted.destroy(tooLarge(url, maxBytes, 'response body'));
    } else counted.push(chunk);
  });
  body.on('end', () => counted.push(null));
  body.on('error', (err) => counted.destroy(err));
  let stream: Readable = counted;
  const encodings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .reverse();
  try {
    for (const enc of encodings) stream = await decoder(stream, enc, url);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(url, maxBytes, encodings.length ? 'decompressed body' : 'response body');
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1') {
      throw new FetchError(
        'NETWORK',
        `${url}: the ${encodings.join('+')} body could not be decompressed (${(err as Error).message}); the server sends a corrupt body`,
        url,
        undefined,
        { cause: err },
      );
    }
    throw err;
  } finally {
    body.destroy();
    stream.destroy();
  }
}
