// Share links rewritten as if another browser had sent them: the benchmark needs a thousand
// participants, each with a participant token of their own, without opening a thousand
// browsers. The layout is docs/sharing.md's link format 2: name, token, time made, then the
// answers, and a CRC-32 over the header and all of it.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function decode(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    let n = 0;
    for (let j = 0; j < chunk.length; j++) n |= ALPHABET.indexOf(chunk[j]) << (18 - 6 * j);
    for (let j = 0; j < chunk.length - 1; j++) bytes.push((n >> (16 - 8 * j)) & 255);
  }
  return bytes;
}

function encode(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = bytes.slice(i, i + 3);
    const n = chunk.reduce((acc, b, j) => acc | (b << (16 - 8 * j)), 0);
    for (let j = 0; j <= chunk.length; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function leb128(n) {
  const out = [];
  do {
    const part = n & 0x7f;
    n = Math.floor(n / 128);
    out.push(n > 0 ? part | 0x80 : part);
  } while (n > 0);
  return out;
}

/** Reads a LEB128 number at `at`; returns [value, next position]. */
function readLeb128(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, at];
  }
}

/** A token of the right shape for participant `i`: eleven characters of the alphabet. */
export function tokenFor(i) {
  return `bench${String(i).padStart(6, '0')}`;
}

/**
 * `link` (format 2) as sent by the browser with participant token `token` at `made` seconds
 * since the Unix epoch; the name and answers are kept.
 */
export function resend(link, token, made) {
  const [base, fragment] = link.split('#a=');
  const parts = fragment.split('.');
  const payload = parts.pop();
  const header = `${parts.join('.')}.`;
  const body = decode(payload).slice(0, -4);
  const [nameLength, afterLength] = readLeb128(body, 0);
  const nameEnd = afterLength + nameLength;
  const [tokenLength, afterToken] = readLeb128(body, nameEnd);
  const [, afterMade] = readLeb128(body, afterToken + tokenLength);
  const sender = [...leb128(token.length), ...Buffer.from(token), ...leb128(made)];
  const rewritten = [...body.slice(0, nameEnd), ...sender, ...body.slice(afterMade)];
  const crc = crc32([...Buffer.from(header), ...rewritten]);
  const signed = [...rewritten, (crc >>> 24) & 255, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255];
  return `${base}#a=${header}${encode(signed)}`;
}
