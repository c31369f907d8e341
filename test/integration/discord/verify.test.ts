import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createInteractionVerifier, ed25519PublicKey, verifyEd25519, DiscordKeyError } from '../../../src/platforms/discord/verify.js';

const corpus = '/work/shared/corpus/platform';
const rfc = JSON.parse(readFileSync(`${corpus}/ed25519/rfc8032_section7_1_vectors.json`, 'utf8'));
const signed = JSON.parse(readFileSync(`${corpus}/discord/signed_interaction_DERIVED.json`, 'utf8'));

describe('Ed25519 (RFC 8032 section 7.1 vectors)', () => {
  for (const c of rfc.cases) {
    it(`${c.name} verifies, and fails with a flipped bit`, () => {
      const key = ed25519PublicKey(c.public_key_hex);
      const msg = Buffer.from(c.message_hex, 'hex');
      expect(verifyEd25519(key, msg, c.signature_hex)).toBe(true);
      const bad = c.signature_hex.slice(0, -1) + (c.signature_hex.endsWith('0') ? '1' : '0');
      expect(verifyEd25519(key, msg, bad)).toBe(false);
      expect(verifyEd25519(key, Buffer.concat([msg, Buffer.from([0])]), c.signature_hex)).toBe(false);
    });
  }
  it('a signature of another vector does not verify', () => {
    const [a, b] = rfc.cases;
    expect(verifyEd25519(ed25519PublicKey(a.public_key_hex), Buffer.from(a.message_hex, 'hex'), b.signature_hex)).toBe(false);
  });
  it('refuses a malformed public key with a typed error', () => {
    expect(() => ed25519PublicKey('abc')).toThrow(DiscordKeyError);
  });
});

describe('Discord request verifier (signed example)', () => {
  const ts = signed.headers['X-Signature-Timestamp'];
  const at = (sec: number) => () => new Date(sec * 1000);
  const verifier = createInteractionVerifier({ publicKeyHex: signed.public_key_hex, now: at(Number(ts)) });
  const sig = signed.headers['X-Signature-Ed25519'];

  it('accepts the signed example', () => {
    expect(verifier({ signature: sig, timestamp: ts, body: Buffer.from(signed.raw_body) })).toBeNull();
  });
  it('rejects each negative case', () => {
    for (const n of signed.negative_cases) {
      const body = Buffer.from(n.raw_body ?? signed.raw_body);
      const timestamp = n['X-Signature-Timestamp'] ?? ts;
      expect(verifier({ signature: sig, timestamp, body })).toBe('bad_signature');
    }
  });
  it('rejects missing headers and malformed signatures', () => {
    expect(verifier({ signature: undefined, timestamp: ts, body: Buffer.from(signed.raw_body) })).toBe('missing_headers');
    expect(verifier({ signature: sig, timestamp: undefined, body: Buffer.from(signed.raw_body) })).toBe('missing_headers');
    expect(verifier({ signature: 'zz', timestamp: ts, body: Buffer.from(signed.raw_body) })).toBe('malformed_signature');
  });
  it('rejects a timestamp outside the window in either direction, accepts inside', () => {
    const body = Buffer.from(signed.raw_body);
    const late = createInteractionVerifier({ publicKeyHex: signed.public_key_hex, now: at(Number(ts) + 301) });
    const early = createInteractionVerifier({ publicKeyHex: signed.public_key_hex, now: at(Number(ts) - 301) });
    const inside = createInteractionVerifier({ publicKeyHex: signed.public_key_hex, now: at(Number(ts) + 299) });
    expect(late({ signature: sig, timestamp: ts, body })).toBe('stale_timestamp');
    expect(early({ signature: sig, timestamp: ts, body })).toBe('stale_timestamp');
    expect(inside({ signature: sig, timestamp: ts, body })).toBeNull();
  });
});
