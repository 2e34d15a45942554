// A platform admin sees a webhook event quarantined for an unknown number and replays it.
import { test, expect } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { signIn } from './auth';

// The sandbox install signs and verifies webhooks with this app secret (server/src/config.rs).
const SANDBOX_APP_SECRET = 'groupdesk-sandbox-app-secret';

test('a platform admin replays a quarantined webhook event', async ({ page, request }) => {
  const pnid = `9${Date.now()}`;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'group_status_update', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '1', phone_number_id: pnid },
      groups: [{ timestamp: '1700000000', type: 'group_suspend', group_id: 'G-E2E' }],
    } }] }],
  });
  const signature = 'sha256=' + createHmac('sha256', SANDBOX_APP_SECRET).update(body).digest('hex');
  const posted = await request.post('/webhooks/whatsapp', {
    data: body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
  });
  expect(posted.status()).toBe(200);

  await signIn(page);
  await page.getByRole('link', { name: 'Webhook events' }).click();
  await expect(page.getByRole('heading', { name: 'Webhook events set aside' })).toBeVisible();
  const row = page.locator('tr[data-event]', { hasText: pnid });
  await expect(row).toContainText('Quarantined: no tenant has this number');
  const id = await row.getAttribute('data-event');

  await row.getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByRole('status')).toContainText('back in the queue');
  // The number is still unknown, so the worker quarantines it again: listed once, not lost.
  // Until the worker has taken it from the queue it is not set aside, so reload until it is.
  await expect(async () => {
    await page.reload();
    await expect(page.locator(`tr[data-event="${id}"]`)).toContainText('Quarantined', { timeout: 1000 });
  }).toPass({ timeout: 20000 });
  await expect(page.locator(`tr[data-event="${id}"]`)).toHaveCount(1);
});
