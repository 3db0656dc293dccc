import { createHmac, timingSafeEqual } from 'node:crypto';

/** HS256 JSON Web Tokens signed with the emulator's own secret. */
function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Every token signed with a secret (one secret per emulator run): the secret scans look for each of them. */
const issued = new WeakMap<Buffer, Set<string>>();

export function issuedTokens(secret: Buffer): string[] {
  return [...(issued.get(secret) ?? [])];
}

export function signJwt(payload: Record<string, unknown>, secret: Buffer): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'emulator' }));
  const body = b64url(JSON.stringify(payload));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const token = `${head}.${body}.${b64url(sig)}`;
  let tokens = issued.get(secret);
  if (!tokens) issued.set(secret, (tokens = new Set()));
  tokens.add(token);
  return token;
}

/** The payload when the signature is valid and `exp` (if any) lies in the future; otherwise undefined. */
export function verifyJwt(token: string, secret: Buffer, nowMs = Date.now()): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, sig] = parts;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== 'HS256') return undefined;
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof payload.exp === 'number' && payload.exp * 1000 <= nowMs) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}
