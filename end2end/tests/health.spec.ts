import { expect, test } from '@playwright/test';

test('the server reports itself live and ready', async ({ request }) => {
  const health = await request.get('/healthz');
  expect(health.status()).toBe(200);

  const ready = await request.get('/readyz');
  expect(ready.status()).toBe(200);
});
