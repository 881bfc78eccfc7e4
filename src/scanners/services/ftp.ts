import { StreamError, type TcpStream } from '../../core/net/index.js';
import { fact, type Identified } from './identified.js';
import { ftpProduct } from './products.js';
import { codeReply, printable, replyLines } from './text.js';

/** The password an anonymous login conventionally gives: an address, here one that names us. */
const ANONYMOUS_PASSWORD = 'rasoat@rasoat.invalid';

/**
 * FTP: the greeting (already read), FEAT (RFC 2389), and whether an anonymous login is accepted.
 * The session is closed at once after the login answer: nothing is listed, read or written.
 */
export async function ftp(stream: TcpStream, greeting: string, port: number): Promise<Identified> {
  try {
    return await ftpConversation(stream, greeting, port);
  } catch (error) {
    // A server that greets and then says nothing more is still named by its greeting; what the
    // conversation would have told (anonymous login, AUTH TLS) stays unknown.
    if (error instanceof StreamError) return { service: 'ftp', guess: ftpProduct(greeting), banner: printable(greeting), facts: [] };
    throw error;
  }
}

async function ftpConversation(stream: TcpStream, greeting: string, port: number): Promise<Identified> {
  const ask = async (command: string) => {
    await stream.write(`${command}\r\n`);
    return (await stream.readUntil(codeReply)).toString('latin1');
  };
  const feat = await ask('FEAT');
  const features = feat.startsWith('211') ? replyLines(feat).filter((l) => !/^(Features|End)\b/i.test(l)).map((l) => printable(l, 100)).slice(0, 40) : [];
  const user = await ask('USER anonymous');
  let login = user;
  if (user.startsWith('331')) login = await ask(`PASS ${ANONYMOUS_PASSWORD}`);
  await stream.write('QUIT\r\n');
  return {
    service: 'ftp',
    guess: ftpProduct(greeting),
    banner: printable(greeting),
    facts: [
      fact('service.ftp', {
        port,
        anonymous: login.startsWith('230'),
        anonymousReply: printable(login, 160),
        authTls: features.some((f) => /^AUTH\b.*\b(TLS|SSL)\b/i.test(f)),
        features,
      }),
    ],
  };
}
