// The Groups API journey through the UI, against the sandbox: create a group that needs
// approval; a simulated user asks to join; staff approve; the user posts and it appears live.
import { test, expect } from '@playwright/test';
import { signIn } from './auth';
import { openChat, waitLive } from './groups';

test('a join request is approved and the new participant’s message appears live', async ({ browser }) => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  const subject = `Choir ${Date.now()}`;
  const phone = `1555${String(Date.now()).slice(-7)}`;

  await signIn(staff);
  await waitLive(staff);
  await staff.getByLabel('Subject').fill(subject);
  await staff.getByLabel('Who can join with the link').selectOption('approval_required');
  await staff.getByRole('button', { name: 'Create group' }).click();
  const row = staff.locator('tr.group', { hasText: subject });
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'active');
  await row.getByRole('link', { name: subject }).click();
  await expect(staff.getByRole('heading', { name: subject })).toBeVisible();
  await waitLive(staff);
  await expect(staff.locator('.participants .count')).toHaveText('0/8');

  // A WhatsApp user opens the invite link, in another tab.
  const user = await context.newPage();
  await user.goto('/sandbox');
  await waitLive(user);
  const card = user.locator('section.sim-group', { hasText: subject });
  await card.getByLabel('Phone number').fill(phone);
  await card.getByLabel('Name').fill('Ana');
  await card.getByRole('button', { name: 'Open link' }).click();
  await expect(user.getByRole('status').filter({ hasText: 'Asked to join' })).toBeVisible();

  // Staff see the request arrive without reloading, and approve it.
  const request = staff.locator('li.join-request', { hasText: phone });
  await expect(request).toBeVisible();
  await request.getByRole('button', { name: 'Approve' }).click();
  await expect(staff.locator('li.participant', { hasText: phone })).toBeVisible();
  await expect(staff.locator('.participants .count')).toHaveText('1/8');
  await expect(staff.locator('li.join-request')).toHaveCount(0);

  // The new participant posts; the message appears in the group's chat live.
  await openChat(staff);
  await user.reload();
  const after = user.locator('section.sim-group', { hasText: subject });
  await after.getByLabel('Message').fill('Hello from Ana');
  await after.getByRole('button', { name: 'Post' }).click();
  const message = staff.locator('li.message', { hasText: 'Hello from Ana' });
  await expect(message).toBeVisible();
  await expect(message.locator('.sender')).toHaveText('Ana');

  // A type WhatsApp cannot deliver shows a clear placeholder.
  await after.getByLabel('Type').selectOption('poll');
  await after.getByRole('button', { name: 'Post' }).click();
  await expect(staff.locator('li.message', { hasText: 'cannot be shown' })).toBeVisible();
  await context.close();
});
