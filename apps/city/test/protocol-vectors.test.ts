// The worked example of docs/city-protocol.md, byte for byte: a fixed key (RFC 8032's first test
// key), body and `created` give a fixed digest, signature base and signature; the doc shows the
// same values (checked here too), so another vendor can test a signer against them.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkSignature,
  contentDigest,
  ed25519PublicKey,
  signatureBase,
  signatureParams,
  signRequest,
} from '@luot/shared/node';
import { describe, expect, it } from 'vitest';

const SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const PRIVATE_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
-----END PRIVATE KEY-----
`;
const PUBLIC_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
-----END PUBLIC KEY-----
`;
const BODY =
  '{"centre":"NK","fromSeq":1,"toSeq":2,"sentAt":"2026-12-01T02:05:00.000Z","tickets":[],"days":[],"live":null}';
const CREATED = 1796090700; // 2026-12-01T02:05:00Z
const DIGEST = 'sha-256=:hSmrhJDZypmny1TNoHLwy6p4U5l8r+y7+MafATaWPXE=:';
const SIGNATURE_INPUT =
  'sig1=("@method" "@path" "content-digest");created=1796090700;keyid="NK";alg="ed25519"';
const SIGNATURE =
  'sig1=:3teb6CN+UevQrgEfx30da/IUNj1590iq4ps8SaJLr1cUbEw4QdxdYNbhpUcaPTNiAmQqltW34o4ml+BV9GuZBQ==:';
const BASE = [
  '"@method": POST',
  '"@path": /api/city/v1/reports',
  `"content-digest": ${DIGEST}`,
  '"@signature-params": ("@method" "@path" "content-digest");created=1796090700;keyid="NK";alg="ed25519"',
].join('\n');

const DOC = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'city-protocol.md'),
  'utf8',
);

describe('the protocol’s test vector', () => {
  it('the key is RFC 8032’s first test key', () => {
    const der = Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      Buffer.from(SEED, 'hex'),
    ]);
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    expect(key.export({ type: 'pkcs8', format: 'pem' })).toBe(PRIVATE_PEM);
    expect(createPublicKey(key).export({ type: 'spki', format: 'pem' })).toBe(PUBLIC_PEM);
    const raw = createPublicKey(key).export({ format: 'jwk' }).x;
    expect(Buffer.from(raw!, 'base64url').toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
  });

  it('gives the fixed digest, signature base and signature', () => {
    expect(contentDigest(BODY)).toBe(DIGEST);
    expect(
      signatureBase({
        method: 'POST',
        path: '/api/city/v1/reports',
        digest: DIGEST,
        params: signatureParams(CREATED, 'NK'),
      }),
    ).toBe(BASE);
    const headers = signRequest({
      method: 'POST',
      path: '/api/city/v1/reports',
      body: BODY,
      keyId: 'NK',
      privateKey: PRIVATE_PEM,
      created: CREATED,
    });
    expect(headers).toEqual({
      'content-digest': DIGEST,
      'signature-input': SIGNATURE_INPUT,
      signature: SIGNATURE,
    });
  });

  it('verifies at the vector’s time and refuses it 301 s later or with one byte changed', () => {
    const publicKey = ed25519PublicKey(PUBLIC_PEM)!;
    const headers = { 'content-digest': DIGEST, 'signature-input': SIGNATURE_INPUT, signature: SIGNATURE };
    const check = (body: string, nowSeconds: number, h = headers) =>
      checkSignature({
        method: 'POST',
        path: '/api/city/v1/reports',
        body: Buffer.from(body),
        headers: h,
        publicKey,
        nowSeconds,
      });
    expect(check(BODY, CREATED)).toBeNull();
    expect(check(BODY, CREATED + 300)).toBeNull();
    expect(check(BODY, CREATED + 301)).toBe('stale or future created');
    expect(check(BODY.replace('"toSeq":2', '"toSeq":3'), CREATED)).toBe('digest does not match the body');
    expect(
      check(BODY, CREATED, { ...headers, 'signature-input': SIGNATURE_INPUT.replace('"NK"', '"CK"') }),
    ).toBe('bad signature');
  });

  it('is the example docs/city-protocol.md shows', () => {
    for (const text of [
      PUBLIC_PEM.trim(),
      PRIVATE_PEM.trim(),
      BODY,
      DIGEST,
      SIGNATURE_INPUT,
      SIGNATURE,
      BASE,
    ]) {
      expect(DOC).toContain(text);
    }
  });
});
