// The HAR Chromium recorded from the demo target's page: import, check, run the whole journey.
import { test } from 'node:test';
import { startDemoTarget } from '../../../engine/demo/server';
import { everyEntryPassed, importCheckRun } from './helpers';

test('the HAR Chromium recorded: the whole journey replays against a new demo target, captures and all', async () => {
  const demo = await startDemoTarget();
  try {
    const summary = await importCheckRun(
      'demo-shop.har',
      ['--target', demo.url, '--env', 'PASSWORD=password-value', '--duration', '7s'],
      ['s3cret-demo'],
    );
    everyEntryPassed(summary, [
      'GET /app/',
      'GET /products',
      'POST /form/login',
      'GET /me',
      'POST /cart',
      'GET /cart/{cart_id}',
    ]);
  } finally {
    await demo.close();
  }
});
