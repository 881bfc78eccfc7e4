function nameList(names: string[]): Buffer {
  const text = Buffer.from(names.join(','), 'latin1');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(text.length);
  return Buffer.concat([size, text]);
}

/** An unencrypted SSH_MSG_KEXINIT binary packet as a server sends it (RFC 4253 §6, §7.1). */
export function kexinitPacket(lists: { kex: string[]; hostkey: string[]; cipher: string[]; mac: string[] }): Buffer {
  const payload = Buffer.concat([
    Buffer.from([20]),
    Buffer.alloc(16, 7),
    nameList(lists.kex),
    nameList(lists.hostkey),
    nameList(lists.cipher),
    nameList(lists.cipher),
    nameList(lists.mac),
    nameList(lists.mac),
    nameList(['none']),
    nameList(['none', 'zlib@openssh.com']),
    nameList([]),
    nameList([]),
    Buffer.from([0, 0, 0, 0, 0]),
  ]);
  const padding = 8 - ((payload.length + 5) % 8) + 8;
  const header = Buffer.alloc(5);
  header.writeUInt32BE(1 + payload.length + padding);
  header[4] = padding;
  return Buffer.concat([header, payload, Buffer.alloc(padding)]);
}
