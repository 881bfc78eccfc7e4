/** Server words kept as evidence: control bytes dropped, whitespace folded, length capped. */
export function printable(text: string, max = 200): string {
  const clean = text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A complete reply of a line protocol that continues lines with "code-" (SMTP, FTP). */
export function codeReply(received: Buffer): boolean {
  // The last piece after the final line end is incomplete and cannot close the reply.
  return received
    .toString('latin1')
    .split('\n')
    .slice(0, -1)
    .some((line) => /^\d{3}( |\r?$)/.test(line));
}

export function lineEnded(received: Buffer): boolean {
  return received.includes(0x0a);
}

/** The lines of a reply without their "250-" / "211-" prefixes and line ends. */
export function replyLines(reply: string): string[] {
  return reply
    .split(/\r?\n/)
    .map((line) => line.replace(/^\d{3}[ -]?/, '').trim())
    .filter(Boolean);
}
