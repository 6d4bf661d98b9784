// Postgres sessions kept between the WebSocket connections of the local proxy (ws-proxy.ts), as Neon's own pooler
// keeps them between a Worker's requests. Every request's pool opens a WebSocket, and without this each one forked a
// Postgres backend that warmed its catalog caches from nothing: a quarter of the unit lane's CPU (ADR 094).
//
// Session pooling, the mode that changes nothing a client can see: a backend serves one WebSocket at a time, and goes
// back to the idle list only when the client left it between statements (every Sync and simple Query answered, no
// COPY, the Terminate message withheld), after `DISCARD ALL` (and `ROLLBACK` first inside a transaction) has put it
// back as a new session finds it. Reuse needs the same startup message and the same cleartext password, which the
// recorded greeting (authentication request … ReadyForQuery, BackendKeyData included, so a cancel still reaches it)
// then answers. Anything else — another auth method, SSL or cancel requests, a protocol surprise — is piped raw.
import type { Socket } from 'node:net';
import { Client, clearListeners, connect, type Duplex, Frames, query, startupParams, Traffic, type } from './pg-wire.ts';

const PROTOCOL_3 = 196_608;
/** Idle sessions kept per startup message (user, database, options): more than a test file's requests hold at once. */
const MAX_IDLE = 8;
const AUTH_CLEARTEXT = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]); // 'R', length 8, AuthenticationCleartextPassword

interface Session {
  socket: Socket;
  key: string;
  database: string;
  password: Buffer;
  /** The server's answer to the startup and the password, up to its first ReadyForQuery. */
  greeting: Buffer;
}

export class SessionPool {
  private readonly idle = new Map<string, Session[]>();
  private readonly target: { host: string; port: number };

  constructor(target: { host: string; port: number }) {
    this.target = target;
  }

  /** Serves one client connection: a kept session when one fits, else a new one (kept afterwards if it can be). */
  attach(duplex: Duplex): void {
    this.readStartup(new Client(duplex), Buffer.alloc(0));
  }

  private readStartup(client: Client, head: Buffer): void {
    client.take((data) => {
      client.hold();
      const bytes = Buffer.concat([head, data]);
      // SSL, GSS and cancel requests, or another protocol version: straight through.
      if (bytes.length >= 8 && bytes.readInt32BE(4) !== PROTOCOL_3) this.raw(client, bytes);
      else if (bytes.length < 8 || bytes.length < bytes.readInt32BE(0)) this.readStartup(client, bytes);
      else this.open(client, bytes.subarray(0, bytes.readInt32BE(0)), bytes.subarray(bytes.readInt32BE(0)));
    });
  }

  /** Ends the idle sessions of a database about to be dropped, so none is handed out after its backend was ended. */
  dropIdle(database: string): void {
    for (const [key, sessions] of this.idle) {
      for (const s of sessions) if (s.database === database) s.socket.destroy();
      this.idle.set(
        key,
        sessions.filter((s) => s.database !== database),
      );
    }
  }

  closeAll(): void {
    for (const sessions of this.idle.values()) for (const s of sessions) s.socket.destroy();
    this.idle.clear();
  }

  private take(key: string): Session | undefined {
    const list = this.idle.get(key);
    while (list?.length) {
      const session = list.pop()!;
      clearListeners(session.socket);
      if (!session.socket.destroyed && session.socket.readyState === 'open') return session;
      session.socket.destroy();
    }
    return undefined;
  }

  private open(client: Client, startup: Buffer, rest: Buffer): void {
    const params = startupParams(startup);
    const key = startup.toString('base64');
    const database = params.get('database') ?? params.get('user') ?? '';
    const kept = this.take(key);
    if (!kept) {
      this.fresh(client, { key, database, startup, rest, skipAuthRequest: false });
      return;
    }
    // The kept session's first answer is the cleartext-password request; the client's password must then match.
    client.send(AUTH_CLEARTEXT);
    let buffered = rest;
    let done = false;
    const tryPassword = () => {
      if (done || buffered.length < 5) return;
      const size = 1 + buffered.readInt32BE(1);
      if (buffered.length < size) return;
      done = true;
      client.hold();
      const password = buffered.subarray(0, size);
      if (type(password) === 'p' && password.equals(kept.password)) {
        client.send(kept.greeting.subarray(AUTH_CLEARTEXT.length));
        this.serve(client, kept, new Traffic(), buffered.subarray(size));
      } else {
        this.release(kept, 'I');
        this.fresh(client, { key, database, startup, rest: buffered, skipAuthRequest: true });
      }
    };
    client.whenClosed(() => {
      if (done) return;
      done = true;
      this.release(kept, 'I');
    });
    if (done) return;
    client.take((data) => {
      buffered = Buffer.concat([buffered, data]);
      tryPassword();
    });
    tryPassword();
  }

  /**
   * A new backend: the startup and password go through and the greeting is recorded on its way to the client. The
   * driver pipelines its first statements behind the password, so they (and their answers) are already counted.
   */
  private fresh(client: Client, o: { key: string; database: string; startup: Buffer; rest: Buffer; skipAuthRequest: boolean }): void {
    const socket = connect(this.target);
    const session: Session = { socket, key: o.key, database: o.database, password: Buffer.alloc(0), greeting: Buffer.alloc(0) };
    const traffic = new Traffic();
    const greeting: Buffer[] = [];
    let skip = o.skipAuthRequest;
    const end = () => {
      socket.destroy();
      client.close();
    };
    socket.on('error', end);
    socket.on('close', end);
    client.whenClosed(() => socket.destroy());
    const toServer = (data: Buffer) => {
      for (const m of traffic.fromClient.push(data)) {
        if (type(m) === 'p' && !session.password.length) session.password = Buffer.from(m);
        else traffic.client(m);
        socket.write(m);
      }
    };
    socket.on('data', (data: Buffer) => {
      const messages = traffic.fromServer.push(data);
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        greeting.push(m);
        if (skip && type(m) === 'R') skip = false;
        else client.send(m);
        if (type(m) !== 'Z') continue;
        client.hold();
        clearListeners(socket);
        session.greeting = Buffer.concat(greeting);
        // Answers to the pipelined statements may follow the greeting in the same read.
        for (const later of messages.slice(i + 1)) {
          traffic.server(later);
          client.send(later);
        }
        // Only a cleartext-password greeting can be answered again for the next client.
        const keepable = session.greeting.subarray(0, AUTH_CLEARTEXT.length).equals(AUTH_CLEARTEXT) && session.password.length > 0;
        if (keepable) this.serve(client, session, traffic, Buffer.alloc(0));
        else this.pipe(client, socket);
        return;
      }
    });
    socket.write(o.startup);
    if (o.rest.length) toServer(o.rest);
    client.take(toServer);
  }

  /** After the greeting: both ways as they come, the traffic watched to know whether the session can be kept. */
  private serve(client: Client, session: Session, traffic: Traffic, first: Buffer): void {
    const { socket } = session;
    let over = false;
    const finish = (keep: boolean) => {
      if (over) return;
      over = true;
      client.hold();
      client.close();
      clearListeners(socket);
      if (keep && traffic.betweenStatements) this.release(session, traffic.status);
      else socket.destroy();
    };
    socket.on('data', (data: Buffer) => {
      for (const m of traffic.fromServer.push(data)) traffic.server(m);
      client.send(data);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    const toServer = (data: Buffer) => {
      for (const m of traffic.fromClient.push(data)) {
        if (over) return;
        // Terminate is withheld: the session outlives this client.
        if (type(m) === 'X') return finish(true);
        // The server ended the connection (a terminated backend): the session is over, whatever the client sends.
        if (!socket.writable) return finish(false);
        traffic.client(m);
        socket.write(m);
      }
    };
    client.whenClosed(() => finish(true));
    if (over) return;
    if (first.length) toServer(first);
    client.take(toServer);
  }

  /** Puts a session back as a new one: ROLLBACK inside a transaction, then DISCARD ALL; anything unexpected ends it. */
  private release(session: Session, status: string): void {
    const { socket } = session;
    clearListeners(socket);
    if ((this.idle.get(session.key)?.length ?? 0) >= MAX_IDLE) {
      socket.destroy();
      return;
    }
    const statements = status === 'I' ? ['DISCARD ALL'] : ['ROLLBACK', 'DISCARD ALL'];
    const frames = new Frames();
    let answered = 0;
    const fail = () => {
      socket.destroy();
      this.forget(session);
    };
    socket.on('error', fail);
    socket.on('close', fail);
    socket.on('data', (data: Buffer) => {
      const messages = frames.push(data);
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        if (type(m) === 'E') return fail();
        if (type(m) !== 'Z' || ++answered < statements.length) continue;
        if (m[5] !== 0x49 || i < messages.length - 1 || frames.partial) return fail();
        // Idle: any byte from the server now (a shutdown, a termination) means it is not reusable.
        socket.removeAllListeners('data');
        socket.on('data', fail);
        this.idle.set(session.key, [...(this.idle.get(session.key) ?? []), session]);
        return;
      }
    });
    for (const sql of statements) socket.write(query(sql));
  }

  private forget(session: Session): void {
    const list = this.idle.get(session.key);
    if (list?.includes(session))
      this.idle.set(
        session.key,
        list.filter((s) => s !== session),
      );
  }

  /** No pooling: bytes both ways until either side closes. */
  private raw(client: Client, head: Buffer): void {
    const socket = connect(this.target);
    this.pipe(client, socket);
    socket.write(head);
  }

  private pipe(client: Client, socket: Socket): void {
    socket.on('data', (data: Buffer) => client.send(data));
    socket.on('error', () => client.close());
    socket.on('close', () => client.close());
    client.whenClosed(() => socket.destroy());
    client.take((data) => socket.write(data));
  }
}
