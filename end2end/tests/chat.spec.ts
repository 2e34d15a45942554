// Group chat through the UI, against the sandbox: staff send a text, receipts progress to read by
// n of m, a simulated user replies, and the per-participant receipts open on click.
import { test, expect } from '@playwright/test';
import { signIn } from './auth';
import { openChat, waitLive } from './groups';

test('staff send a text, receipts reach read by n of m, and a user replies live', async ({ browser }) => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  const subject = `Chat ${Date.now()}`;
  const phone = `1556${String(Date.now()).slice(-7)}`;

  await signIn(staff);
  await waitLive(staff);
  await staff.getByLabel('Subject').fill(subject);
  await staff.getByRole('button', { name: 'Create group' }).click();
  const row = staff.locator('tr.group', { hasText: subject });
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'active');

  // A WhatsApp user joins through the link.
  const user = await context.newPage();
  await user.goto('/sandbox');
  await waitLive(user);
  const card = user.locator('section.sim-group', { hasText: subject });
  await card.getByLabel('Phone number').fill(phone);
  await card.getByLabel('Name').fill('Bea');
  await card.getByRole('button', { name: 'Open link' }).click();

  await row.getByRole('link', { name: subject }).click();
  await expect(staff.getByRole('heading', { name: subject })).toBeVisible();
  await waitLive(staff);
  await expect(staff.locator('.participants .count')).toHaveText('1/8');
  await openChat(staff);
  const chat = staff.locator('section.chat');

  // An empty message gets a clear error and is not sent.
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(chat.getByRole('alert')).toContainText('cannot be empty');

  await chat.getByLabel('Message').fill('Welcome, everyone!');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(chat.getByLabel('Message')).toHaveValue('');
  const mine = chat.locator('li.message.outbound', { hasText: 'Welcome, everyone!' });
  await expect(mine).toBeVisible();
  // Sandbox participants read at once: the receipt ends at read by 1 of 1, live.
  await expect(mine.locator('.delivery')).toContainText('Read by 1 of 1');
  await expect(mine.locator('.delivery')).toHaveAttribute('data-state', 'sent');

  // Clicking the receipt lists the participant (masked) with state and time.
  await mine.getByRole('button', { name: /Read by 1 of 1/ }).click();
  const receipt = chat.locator('.receipt-table tbody tr');
  await expect(receipt).toHaveCount(1);
  await expect(receipt).toContainText('Read');
  await expect(receipt).toContainText(phone.slice(-4));
  await expect(receipt).not.toContainText(phone);

  // The user replies from the Sandbox page; it arrives live, and typing is not lost meanwhile.
  await chat.getByLabel('Message').fill('half-typed');
  await user.reload();
  const after = user.locator('section.sim-group', { hasText: subject });
  await after.getByLabel('Message').fill('Thanks, glad to be here');
  await after.getByRole('button', { name: 'Post' }).click();
  const reply = chat.locator('li.message.inbound', { hasText: 'Thanks, glad to be here' });
  await expect(reply).toBeVisible();
  await expect(reply.locator('.sender')).toHaveText('Bea');
  await expect(chat.getByLabel('Message')).toHaveValue('half-typed');
  await expect(chat.locator('li.day-separator').first()).toHaveText('Today');
  await context.close();
});
