import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes on a plain TCP connection and reads until the server closes it, so requests
 * that `fetch` refuses to send (a bad request line, oversized headers, a trickled body) reach
 * Node's HTTP parser as they would from a hostile client. `trickle` sends more bytes later.
 */
export function rawRequest(
  baseUrl: string,
  head: string,
  trickle: { bytes: string[]; everyMs: number } | undefined = undefined,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      // The server may reset a connection it has answered; what it wrote still counts.
      if (chunks.length === 0) reject(error);
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve(parse(Buffer.concat(chunks).toString('utf8')));
    });
    socket.write(head);
    if (trickle) {
      const pending = [...trickle.bytes];
      timer = setInterval(() => {
        const next = pending.shift();
        if (next === undefined || socket.destroyed) return clearInterval(timer);
        socket.write(next);
      }, trickle.everyMs);
    }
  });
}

function parse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end < 0 ? text.length : end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: end < 0 ? '' : text.slice(end + 4) };
}
