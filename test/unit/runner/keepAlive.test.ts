// `defaults.keepAlive: false` in a run: every request goes on a new connection and tells the
// server so (`Connection: close`); by default one connection carries them all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer } from '../http/servers';
import { FakeStats, generator, req, scenario, task, user } from './helpers';

for (const keepAlive of [undefined, false]) {
  test(`keepAlive ${keepAlive ?? 'absent'}: connections and the Connection header`, async () => {
    const connectionHeaders = new Set<string | undefined>();
    let connections = 0;
    const srv = await httpServer((r, res) => {
      connectionHeaders.add(r.headers.connection);
      res.end('ok');
    });
    srv.server.on('connection', () => connections++);
    try {
      const s = scenario(srv.url, [user('u', [task('t', [req('/')])])]);
      if (keepAlive === false) s.defaults.keepAlive = false;
      const stats = new FakeStats();
      const g = generator(s, stats);
      g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
      await stats.until(() => stats.records.length >= 10);
      await g.stop();
      assert.equal(
        stats.count((r) => !r.ok),
        0,
      );
      if (keepAlive === false) {
        assert.deepEqual([...connectionHeaders], ['close']);
        assert.equal(connections, srv.requests);
      } else {
        assert.deepEqual([...connectionHeaders], [undefined]);
        assert.equal(connections, 1);
      }
    } finally {
      await srv.close();
    }
  });
}
