import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A letter the test server accepted, parsed by mailparser. */
export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  html: string;
  text: string;
  /** The letter's Message-ID header. */
  messageId: string | undefined;
  /** When the server had the whole message (ms since the epoch), before it answered. */
  at: number;
  parsed: ParsedMail;
}

export interface SmtpTestServer {
  url: string;
  /** Accepted letters, in order. */
  received: ReceivedMail[];
  /** Reply codes to answer the next DATA commands with (4xx, 5xx), before accepting again. */
  failNext(...codes: number[]): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (smtp-server), so e-mails go through a real SMTP conversation:
 * no TLS, no auth. `failNext(451)` makes the next message's DATA answer 451.
 */
export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const failures: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    // smtp-server looks up every client's name in DNS before its greeting (up to 1.5 s), and the
    // senders' greeting timeout can be as short (the fault suite's 1.5 s provider timeout): a slow
    // or throttled resolver would fail letters that have nothing wrong with them. Loopback only.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const at = Date.now();
        const code = failures.shift();
        if (code !== undefined) {
          const error = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), {
            responseCode: code,
          });
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              text: parsed.text ?? '',
              messageId: parsed.messageId,
              at,
              parsed,
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A sender that dies mid-letter (the fault suite SIGKILLs notification processes) resets its
  // connection; smtp-server re-emits that on the server, and an 'error' event nobody listens to
  // is an uncaught exception in the test process. The letter's retry is what the tests check.
  server.on('error', () => {});
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext: (...codes) => failures.push(...codes),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
