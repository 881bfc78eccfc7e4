import type { MailProtocol } from '../../core/model/observation.js';
import type { TcpStream } from '../../core/net/index.js';
import { fact, type Identified } from './identified.js';
import { mailboxProduct, smtpProduct } from './products.js';
import { codeReply, lineEnded, printable, replyLines } from './text.js';

/** Where rasoat says it comes from: a reserved name (RFC 2606), so nothing is ever delivered. */
const HELO_NAME = 'rasoat.invalid';
const PLAINTEXT_SASL = /^(PLAIN|LOGIN)$/i;

export interface SmtpOptions {
  port: number;
  /** Opt-in: ask whether the server would relay to an outside domain (RCPT only, never DATA). */
  relayCheck: boolean;
}

/** SMTP: the greeting (already read), EHLO's capabilities, and the opt-in relay question. */
export async function smtp(stream: TcpStream, greeting: string, options: SmtpOptions): Promise<Identified> {
  const banner = printable(greeting.split('\n')[0] ?? '');
  await stream.write(`EHLO ${HELO_NAME}\r\n`);
  const ehlo = (await stream.readUntil(codeReply)).toString('latin1');
  const capabilities = ehlo.startsWith('250') ? replyLines(ehlo).slice(1).map((c) => printable(c, 100)) : [];
  const auth = capabilities.find((c) => /^AUTH[ =]/i.test(c));
  const authMechanisms = auth ? auth.slice(5).trim().split(/\s+/).filter(Boolean) : [];
  const starttls = capabilities.some((c) => /^STARTTLS$/i.test(c));
  const facts = [
    fact('service.mail', {
      port: options.port,
      protocol: 'smtp' as MailProtocol,
      submission: options.port === 587,
      starttls,
      capabilities: capabilities.slice(0, 40),
      authMechanisms,
      plaintextAuth: authMechanisms.some((m) => PLAINTEXT_SASL.test(m)),
    }),
  ];
  if (options.relayCheck && ehlo.startsWith('250')) {
    // RFC 2606 example domains: a relay that accepts them would relay anything; no DATA is sent.
    await stream.write('MAIL FROM:<rasoat-relay-check@example.com>\r\n');
    const from = (await stream.readUntil(codeReply)).toString('latin1');
    let answer = printable(from);
    let relay = false;
    if (from.startsWith('250')) {
      await stream.write('RCPT TO:<rasoat-relay-check@example.net>\r\n');
      const rcpt = (await stream.readUntil(codeReply)).toString('latin1');
      answer = printable(rcpt);
      relay = /^25[01]/.test(rcpt);
      await stream.write('RSET\r\n');
      await stream.readUntil(codeReply);
    }
    facts.push(fact('service.smtp-relay', { port: options.port, relay, answer }));
  }
  await stream.write('QUIT\r\n');
  return { service: 'smtp', guess: smtpProduct(greeting), banner, facts };
}

const POP3_END = (b: Buffer) => /(^|\r?\n)\.\r?\n$/.test(b.toString('latin1')) || /^-ERR/.test(b.toString('latin1'));

/** POP3: the greeting (already read) and CAPA (RFC 2449). */
export async function pop3(stream: TcpStream, greeting: string, port: number): Promise<Identified> {
  await stream.write('CAPA\r\n');
  const reply = (await stream.readUntil((b) => POP3_END(b) || (lineEnded(b) && b.toString('latin1').startsWith('-ERR')))).toString('latin1');
  const capabilities = reply.startsWith('+OK') ? reply.split(/\r?\n/).slice(1).map((l) => printable(l, 100)).filter((l) => l && l !== '.') : [];
  const sasl = capabilities.find((c) => /^SASL\b/i.test(c));
  const authMechanisms = sasl ? sasl.split(/\s+/).slice(1) : [];
  await stream.write('QUIT\r\n');
  return {
    service: 'pop3',
    guess: mailboxProduct(greeting),
    banner: printable(greeting),
    facts: [
      fact('service.mail', {
        port,
        protocol: 'pop3' as MailProtocol,
        submission: false,
        starttls: capabilities.some((c) => /^STLS$/i.test(c)),
        capabilities: capabilities.slice(0, 40),
        authMechanisms,
        plaintextAuth: capabilities.some((c) => /^USER$/i.test(c)) || authMechanisms.some((m) => PLAINTEXT_SASL.test(m)),
      }),
    ],
  };
}

/** IMAP: the greeting (already read) and CAPABILITY (RFC 3501 §6.1.1). */
export async function imap(stream: TcpStream, greeting: string, port: number): Promise<Identified> {
  await stream.write('r1 CAPABILITY\r\n');
  const reply = (await stream.readUntil((b) => /(^|\n)r1 /.test(b.toString('latin1')) && lineEnded(b.subarray(b.lastIndexOf('r1 '))))).toString('latin1');
  const line = /^\* CAPABILITY (.*)$/im.exec(reply)?.[1] ?? /\[CAPABILITY ([^\]]*)\]/i.exec(greeting)?.[1] ?? '';
  const capabilities = printable(line, 2000).split(' ').filter(Boolean).slice(0, 60);
  const authMechanisms = capabilities.filter((c) => /^AUTH=/i.test(c)).map((c) => c.slice(5));
  await stream.write('r2 LOGOUT\r\n');
  return {
    service: 'imap',
    guess: mailboxProduct(greeting),
    banner: printable(greeting),
    facts: [
      fact('service.mail', {
        port,
        protocol: 'imap' as MailProtocol,
        submission: false,
        starttls: capabilities.some((c) => /^STARTTLS$/i.test(c)),
        capabilities,
        authMechanisms,
        // LOGINDISABLED (RFC 3501 §6.2.3) is how a server says it takes no password before TLS.
        plaintextAuth: !capabilities.some((c) => /^LOGINDISABLED$/i.test(c)) || authMechanisms.some((m) => PLAINTEXT_SASL.test(m)),
      }),
    ],
  };
}
