// Ed25519 verification of Discord interaction requests (X-Signature-Ed25519 over timestamp + raw body),
// with Node's crypto and the raw 32-byte public key wrapped in SPKI DER: no extra dependency.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow it. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export type SignatureProblem = 'missing_headers' | 'malformed_signature' | 'stale_timestamp' | 'bad_signature';

export class DiscordKeyError extends Error {
  readonly code = 'DISCORD_PUBLIC_KEY_INVALID';
  constructor() {
    super('DISCORD_PUBLIC_KEY must be the 64-hex-digit public key from the Discord developer portal (General Information → Public Key)');
    this.name = 'DiscordKeyError';
  }
}

export function ed25519PublicKey(publicKeyHex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(publicKeyHex)) throw new DiscordKeyError();
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(publicKeyHex, 'hex')]), format: 'der', type: 'spki' });
}

/** Plain Ed25519 verification (RFC 8032); false for any malformed input, never throws. */
export function verifyEd25519(key: KeyObject, message: Buffer, signatureHex: string): boolean {
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  try {
    return verify(null, message, key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

export interface VerifierOptions {
  publicKeyHex: string;
  /** Accepted clock difference in either direction; Discord signs at send time. Default 300 s. */
  toleranceSec?: number;
  now?: () => Date;
}

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/** Returns null when the request is authentic and fresh, else what is wrong with it. */
export type InteractionVerifier = (req: SignedRequest) => SignatureProblem | null;

export function createInteractionVerifier(opts: VerifierOptions): InteractionVerifier {
  const key = ed25519PublicKey(opts.publicKeyHex);
  const tolerance = opts.toleranceSec ?? 300;
  const now = opts.now ?? (() => new Date());
  return ({ signature, timestamp, body }) => {
    if (!signature || !timestamp) return 'missing_headers';
    if (!/^[0-9a-fA-F]{128}$/.test(signature)) return 'malformed_signature';
    const ts = Number(timestamp);
    if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now().getTime() / 1000 - ts) > tolerance) return 'stale_timestamp';
    const ok = verifyEd25519(key, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), signature);
    return ok ? null : 'bad_signature';
  };
}
