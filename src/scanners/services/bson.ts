/**
 * The little BSON MongoDB's handshake needs: write flat documents of numbers, strings and
 * booleans; read any document back, every length checked, nesting and size bounded.
 */
export type BsonValue = number | bigint | string | boolean | null | BsonDocument | BsonValue[] | Buffer;
export interface BsonDocument {
  [key: string]: BsonValue;
}

export function encodeBson(document: Record<string, number | string | boolean>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(document)) {
    const name = Buffer.from(`${key}\0`, 'utf8');
    if (typeof value === 'number') {
      const body = Buffer.alloc(4);
      body.writeInt32LE(value);
      parts.push(Buffer.from([0x10]), name, body);
    } else if (typeof value === 'boolean') {
      parts.push(Buffer.from([0x08]), name, Buffer.from([value ? 1 : 0]));
    } else {
      const text = Buffer.from(`${value}\0`, 'utf8');
      const size = Buffer.alloc(4);
      size.writeInt32LE(text.length);
      parts.push(Buffer.from([0x02]), name, size, text);
    }
  }
  const body = Buffer.concat([...parts, Buffer.from([0])]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(body.length + 4);
  return Buffer.concat([size, body]);
}

export class BsonError extends Error {
  override name = 'BsonError';
}

/** Parses one document at `offset`; throws BsonError on anything malformed. */
export function decodeBson(buffer: Buffer, offset = 0, depth = 0): BsonDocument {
  if (depth > 16) throw new BsonError('nested too deep');
  if (offset + 5 > buffer.length) throw new BsonError('truncated document');
  const size = buffer.readInt32LE(offset);
  const end = offset + size;
  if (size < 5 || end > buffer.length || buffer[end - 1] !== 0) throw new BsonError('bad document length');
  const document: BsonDocument = {};
  let at = offset + 4;
  while (at < end - 1) {
    const type = buffer[at++]!;
    const nameEnd = buffer.indexOf(0, at);
    if (nameEnd < 0 || nameEnd >= end) throw new BsonError('unterminated name');
    const name = buffer.toString('utf8', at, nameEnd);
    at = nameEnd + 1;
    const need = (n: number) => {
      if (at + n > end) throw new BsonError(`truncated ${name}`);
    };
    switch (type) {
      case 0x01:
        need(8);
        document[name] = buffer.readDoubleLE(at);
        at += 8;
        break;
      case 0x02:
      case 0x0d:
      case 0x0e: {
        need(4);
        const length = buffer.readInt32LE(at);
        if (length < 1 || at + 4 + length > end) throw new BsonError(`bad string ${name}`);
        document[name] = buffer.toString('utf8', at + 4, at + 3 + length);
        at += 4 + length;
        break;
      }
      case 0x03:
      case 0x04: {
        need(4);
        const inner = decodeBson(buffer, at, depth + 1);
        document[name] = type === 0x04 ? Object.values(inner) : inner;
        at += buffer.readInt32LE(at);
        break;
      }
      case 0x05: {
        need(5);
        const length = buffer.readInt32LE(at);
        if (length < 0 || at + 5 + length > end) throw new BsonError(`bad binary ${name}`);
        document[name] = buffer.subarray(at + 5, at + 5 + length);
        at += 5 + length;
        break;
      }
      case 0x07:
        need(12);
        document[name] = buffer.toString('hex', at, at + 12);
        at += 12;
        break;
      case 0x08:
        need(1);
        document[name] = buffer[at] === 1;
        at += 1;
        break;
      case 0x09:
      case 0x11:
      case 0x12:
        need(8);
        document[name] = buffer.readBigInt64LE(at);
        at += 8;
        break;
      case 0x0a:
      case 0x06:
      case 0x7f:
      case 0xff:
        document[name] = null;
        break;
      case 0x10:
        need(4);
        document[name] = buffer.readInt32LE(at);
        at += 4;
        break;
      case 0x13:
        need(16);
        document[name] = buffer.subarray(at, at + 16);
        at += 16;
        break;
      default:
        throw new BsonError(`unsupported type 0x${type.toString(16)} in ${name}`);
    }
  }
  return document;
}
