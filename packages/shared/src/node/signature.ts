// Signing and checking a centre's report (API.md, "A report"; docs/city-protocol.md): HTTP
// Message Signatures (RFC 9421) with Ed25519 over `@method`, `@path` and `content-digest`, and a
// Content-Digest (RFC 9530) of the body with sha-256. Node only (node:crypto).
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

export const SIGNATURE_LABEL = 'sig1';
/** How far `created` may be from the verifier's clock, in seconds. */
export const SIGNATURE_MAX_SKEW_SECONDS = 300;
const COMPONENTS = '("@method" "@path" "content-digest")';

/** `sha-256=:<base64 of the body's SHA-256>:` (RFC 9530). */
export function contentDigest(body: Uint8Array | string): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/** The signature parameters (the value of `@signature-params`), e.g. `("@method" …);created=…;keyid="…";alg="ed25519"`. */
export function signatureParams(created: number, keyId: string): string {
  return `${COMPONENTS};created=${created};keyid="${keyId}";alg="ed25519"`;
}

/** The signature base (RFC 9421 §2.5): one line per component, then `@signature-params`; no final newline. */
export function signatureBase(input: {
  method: string;
  path: string;
  digest: string;
  params: string;
}): string {
  return [
    `"@method": ${input.method.toUpperCase()}`,
    `"@path": ${input.path}`,
    `"content-digest": ${input.digest}`,
    `"@signature-params": ${input.params}`,
  ].join('\n');
}

export interface SignedHeaders {
  'content-digest': string;
  'signature-input': string;
  signature: string;
}

/** The three headers that sign a request of this method, path and body with the centre's key. */
export function signRequest(input: {
  method: string;
  path: string;
  body: Uint8Array | string;
  keyId: string;
  privateKey: KeyObject | string;
  /** Unix seconds (default now). */
  created?: number;
}): SignedHeaders {
  const digest = contentDigest(input.body);
  const created = input.created ?? Math.floor(Date.now() / 1000);
  const params = signatureParams(created, input.keyId);
  const base = signatureBase({ method: input.method, path: input.path, digest, params });
  const signature = sign(null, Buffer.from(base, 'utf8'), input.privateKey).toString('base64');
  return {
    'content-digest': digest,
    'signature-input': `${SIGNATURE_LABEL}=${params}`,
    signature: `${SIGNATURE_LABEL}=:${signature}:`,
  };
}

/** Why a signed request is refused (each is a 401 at the city). */
export type SignatureProblem =
  | 'missing headers'
  | 'bad content-digest'
  | 'digest does not match the body'
  | 'bad signature-input'
  | 'stale or future created'
  | 'bad signature';

export interface ParsedSignatureInput {
  params: string;
  created: number;
  keyId: string;
}

const INPUT = new RegExp(
  `^${SIGNATURE_LABEL}=(\\("@method" "@path" "content-digest"\\);created=(\\d{1,12});keyid="([A-Za-z0-9_-]{1,64})";alg="ed25519")$`,
);

/** Reads `Signature-Input`; null when it is not exactly the form the protocol uses. */
export function parseSignatureInput(header: string): ParsedSignatureInput | null {
  const m = INPUT.exec(header.trim());
  if (!m) return null;
  return { params: m[1]!, created: Number(m[2]), keyId: m[3]! };
}

/** The signature's bytes from `Signature: sig1=:<base64>:`; null when malformed. */
export function parseSignature(header: string): Buffer | null {
  const m = new RegExp(`^${SIGNATURE_LABEL}=:([A-Za-z0-9+/]{1,200}={0,2}):$`).exec(header.trim());
  if (!m) return null;
  const bytes = Buffer.from(m[1]!, 'base64');
  return bytes.length === 64 ? bytes : null;
}

/**
 * Checks a signed request: the digest matches the body, `created` is within the allowed skew
 * of `now`, and the signature verifies with `publicKey` (found by the caller from the key id,
 * which `keyIdOf` reads first). Returns null when good, or the problem.
 */
export function checkSignature(input: {
  method: string;
  path: string;
  body: Uint8Array;
  headers: { 'content-digest'?: string; 'signature-input'?: string; signature?: string };
  publicKey: KeyObject;
  nowSeconds?: number;
}): SignatureProblem | null {
  const { headers } = input;
  const digest = headers['content-digest'];
  const inputHeader = headers['signature-input'];
  const signatureHeader = headers.signature;
  if (!digest || !inputHeader || !signatureHeader) return 'missing headers';
  if (!/^sha-256=:[A-Za-z0-9+/]{43}=:$/.test(digest.trim())) return 'bad content-digest';
  if (digest.trim() !== contentDigest(input.body)) return 'digest does not match the body';
  const parsed = parseSignatureInput(inputHeader);
  if (!parsed) return 'bad signature-input';
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - parsed.created) > SIGNATURE_MAX_SKEW_SECONDS) return 'stale or future created';
  const signature = parseSignature(signatureHeader);
  if (!signature) return 'bad signature';
  const base = signatureBase({
    method: input.method,
    path: input.path,
    digest: digest.trim(),
    params: parsed.params,
  });
  try {
    return verify(null, Buffer.from(base, 'utf8'), input.publicKey, signature) ? null : 'bad signature';
  } catch {
    return 'bad signature';
  }
}

/** A new Ed25519 key pair as PEM (PKCS#8 private, SPKI public). */
export function newCentreKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey };
}

/** The Ed25519 public key of an SPKI PEM; null when it is not one. */
export function ed25519PublicKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}
