// The benchmark's latency relay: bytes arrive intact and in order, never sooner than the round trips asked for.
import { strict as assert } from 'node:assert';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { startRelay, type Relay } from '../../bench/relay';

describe('bench/relay: a latency-adding TCP relay', () => {
  let echo: Server;
  let relay: Relay;
  const RTT = 60;
  before(async () => {
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
    relay = await startRelay((echo.address() as AddressInfo).port, RTT);
  });
  after(async () => {
    await relay.close();
    await new Promise((r) => echo.close(r));
  });

  it('delivers every byte in order, the first answer after at least two round trips (connection + data), later ones after one', async () => {
    const socket = connect({ host: '127.0.0.1', port: relay.port });
    await new Promise((r) => socket.once('connect', r));
    const started = Date.now();
    let got = Buffer.alloc(0);
    const until = (n: number) =>
      new Promise<number>((resolve) => {
        const check = () =>
          got.length >= n ? resolve(Date.now()) : socket.once('data', (c: Buffer) => ((got = Buffer.concat([got, c])), check()));
        check();
      });
    const first = Buffer.from('ping');
    socket.write(first);
    const t1 = await until(4);
    assert.ok(t1 - started >= 2 * RTT - 2, `first echo after ${t1 - started} ms`);
    const big = Buffer.alloc(200_000, 7).map((_, i) => i % 251);
    const t2start = Date.now();
    socket.write(big.subarray(0, 100_000));
    socket.write(big.subarray(100_000));
    const t2 = await until(4 + big.length);
    assert.ok(t2 - t2start >= RTT - 2, `second echo after ${t2 - t2start} ms`);
    assert.deepEqual(got.subarray(0, 4), first);
    assert.ok(got.subarray(4).equals(big), 'bytes intact and in order');
    assert.equal(relay.accepted(), 1);
    socket.destroy();
  });
});
