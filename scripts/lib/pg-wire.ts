// The Postgres wire protocol as the local proxy's session pool (pg-sessions.ts) reads it: message framing, what a
// session's traffic says about where it stands, the client side of one connection, and the sockets to the server.
import { createConnection, type Socket } from 'node:net';

/** The client side: a WebSocket, as the proxy sees it. */
export interface Duplex {
  send(data: Buffer): void;
  close(): void;
  onMessage(fn: (data: Buffer) => void): void;
  onClose(fn: () => void): void;
}

/** Splits a byte stream into Postgres messages (type byte, int32 length that counts itself, body). */
export class Frames {
  private pending = Buffer.alloc(0);
  push(data: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    const out: Buffer[] = [];
    while (this.pending.length >= 5) {
      const size = 1 + this.pending.readInt32BE(1);
      if (this.pending.length < size) break;
      out.push(this.pending.subarray(0, size));
      this.pending = this.pending.subarray(size);
    }
    return out;
  }
  get partial(): boolean {
    return this.pending.length > 0;
  }
}

/**
 * What a session's traffic says about where it stands: every Sync and simple Query answered with ReadyForQuery, no
 * extended-protocol message waiting for its Sync, no COPY or function call, no message cut in half.
 */
export class Traffic {
  readonly fromClient = new Frames();
  readonly fromServer = new Frames();
  private outstanding = 0;
  private unsynced = false;
  private unusual = false;
  /** The transaction status of the last ReadyForQuery: I (idle), T (in a transaction) or E (in a failed one). */
  status = 'I';

  client(message: Buffer): void {
    const t = type(message);
    if (t === 'Q' || t === 'S') {
      this.outstanding++;
      if (t === 'S') this.unsynced = false;
    } else if ('PBEDC'.includes(t)) this.unsynced = true;
    else if (t !== 'H') this.unusual = true;
  }

  server(message: Buffer): void {
    const t = type(message);
    if (t === 'Z') {
      this.outstanding--;
      this.status = String.fromCharCode(message[5]!);
    } else if (t === 'G' || t === 'H' || t === 'W') this.unusual = true;
  }

  get betweenStatements(): boolean {
    return !this.unusual && !this.unsynced && this.outstanding === 0 && !this.fromClient.partial && !this.fromServer.partial;
  }
}

/** One client connection with one handler at a time: each stage takes the bytes the previous one did not use. */
export class Client {
  private handler: ((data: Buffer) => void) | null = null;
  private backlog: Buffer[] = [];
  private closeHandler: (() => void) | null = null;
  closed = false;
  private readonly duplex: Duplex;

  constructor(duplex: Duplex) {
    this.duplex = duplex;
    duplex.onMessage((data) => (this.handler ? this.handler(data) : this.backlog.push(data)));
    duplex.onClose(() => {
      this.closed = true;
      this.closeHandler?.();
    });
  }
  send(data: Buffer): void {
    if (!this.closed) this.duplex.send(data);
  }
  close(): void {
    this.duplex.close();
  }
  /** Hands the next bytes, those waiting first, to `fn` until another stage takes over. */
  take(fn: (data: Buffer) => void): void {
    this.handler = fn;
    while (this.backlog.length && this.handler === fn) fn(this.backlog.shift()!);
  }
  /** Bytes wait in the backlog until the next `take`. */
  hold(): void {
    this.handler = null;
  }
  /** The one close handler (replacing the last); called at once if the client has already gone. */
  whenClosed(fn: () => void): void {
    this.closeHandler = fn;
    if (this.closed) fn();
  }
}

export const type = (message: Buffer) => String.fromCharCode(message[0]!);

export function startupParams(startup: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  const fields = startup.subarray(8).toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length && fields[i]; i += 2) params.set(fields[i]!, fields[i + 1]!);
  return params;
}

/** Kept on every socket for good: an error the socket emits between two stages' listeners (a write after the server
 * ended the connection is reported a tick later) must never be unhandled, which would end the whole process. */
const ignoreError = () => {};

export function clearListeners(socket: Socket): void {
  for (const event of ['data', 'close']) socket.removeAllListeners(event);
  for (const listener of socket.listeners('error')) if (listener !== ignoreError) socket.removeListener('error', listener as () => void);
}

export function connect(target: { host: string; port: number }): Socket {
  const socket = createConnection(target);
  socket.setNoDelay(true);
  socket.on('error', ignoreError);
  return socket;
}

/** A simple-protocol Query message. */
export function query(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const out = Buffer.alloc(5 + text.length);
  out.write('Q', 0, 'latin1');
  out.writeInt32BE(4 + text.length, 1);
  text.copy(out, 5);
  return out;
}
