// The chaining .http file: import, check, run against the demo target (the login's token and the
// cart's id flow through captures).
import { test } from 'node:test';
import { startDemoTarget } from '../../../engine/demo/server';
import { everyEntryPassed, importCheckRun } from './helpers';

test('the .http file runs against the demo target, its chained values captured', async () => {
  const demo = await startDemoTarget();
  try {
    const summary = await importCheckRun(
      'demo-shop.http',
      ['--target', demo.url, '--env', 'PASSWORD=password-value', '--duration', '2s'],
      ['http-file-s3cret'],
    );
    everyEntryPassed(summary, ['List products', 'login', 'me', 'cart', 'GET /cart/{cart_id}']);
  } finally {
    await demo.close();
  }
});
