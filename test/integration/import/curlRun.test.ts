// Chromium's "Copy as cURL" lines: import, check, run against the demo target.
import { test } from 'node:test';
import { startDemoTarget } from '../../../engine/demo/server';
import { everyEntryPassed, importCheckRun } from './helpers';

test("Chromium's Copy as cURL lines run against the demo target; their credentials are not in the file", async () => {
  const demo = await startDemoTarget();
  try {
    const env = ['PASSWORD=password-value', 'COOKIE=theme=dark', 'API_TOKEN=curl-token-value'].flatMap(
      (e) => ['--env', e],
    );
    const summary = await importCheckRun(
      'chromium-copy-as-curl.sh',
      ['--target', demo.url, ...env, '--duration', '2s'],
      ['curl-s3cret', 'sess-8f14e45f', 'eyJhbGciOiJIUzI1NiJ9'],
    );
    everyEntryPassed(summary, ['GET /products', 'POST /form/login', 'POST /cart']);
  } finally {
    await demo.close();
  }
});
