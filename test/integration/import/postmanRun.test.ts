// The Postman v2.1 collection: import, check, run against the demo target.
import { test } from 'node:test';
import { startDemoTarget } from '../../../engine/demo/server';
import { everyEntryPassed, importCheckRun } from './helpers';

test('the Postman collection runs against the demo target; its password and api key are not in the file', async () => {
  const demo = await startDemoTarget();
  try {
    const env = [
      'PASSWORD=password-value',
      'API_KEY=postman-key-value',
      'API_TOKEN=postman-token-value',
    ].flatMap((e) => ['--env', e]);
    const summary = await importCheckRun(
      'demo-shop.postman_collection.json',
      ['--target', demo.url, ...env, '--duration', '2s', '--users', '3'],
      ['postman-s3cret', 'pk_live_51HqLyjWDarjtT1zdp7dc'],
    );
    everyEntryPassed(summary, ['List products', 'One product', 'Form login', 'Add to cart']);
  } finally {
    await demo.close();
  }
});
