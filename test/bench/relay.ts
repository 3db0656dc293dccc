// A latency-adding TCP relay on 127.0.0.1 for the real-path benchmark: every byte takes rttMs / 2 each way, and a
// new connection waits one whole round trip before anything flows (the TCP handshake). Order is kept per direction.
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface Relay {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

/** Forwards `from`'s bytes to `to`, each chunk delivered `delayMs` after it arrived (never before an earlier one). */
function delayed(from: Socket, to: Socket, delayMs: number): void {
  let last = 0;
  from.on('data', (chunk: Buffer) => {
    const due = Math.max(Date.now() + delayMs, last);
    last = due;
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, due - Date.now());
  });
  from.once('end', () => setTimeout(() => to.end(), Math.max(0, last - Date.now()) + delayMs));
}

export async function startRelay(targetPort: number, rttMs: number): Promise<Relay> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const track = (s: Socket): void => {
    sockets.add(s);
    s.setNoDelay(true); // no Nagle stalls of our own: the delay is the one asked for
    s.once('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createServer((client) => {
    accepted++;
    track(client);
    client.pause();
    setTimeout(() => {
      if (client.destroyed) return;
      const upstream = connect({ host: '127.0.0.1', port: targetPort });
      track(upstream);
      upstream.once('connect', () => {
        delayed(client, upstream, rttMs / 2);
        delayed(upstream, client, rttMs / 2);
        client.resume();
      });
      upstream.once('close', () => setTimeout(() => client.destroy(), rttMs / 2));
      client.once('close', () => upstream.destroy());
    }, rttMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
