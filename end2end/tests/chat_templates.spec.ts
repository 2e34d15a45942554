// Template messages in the group chat, against the sandbox: staff pick the utility template, fill
// its field, check the preview and send; the message shows as a template in the chat and its
// receipts progress like a text's.
import { test, expect } from '@playwright/test';
import { signIn } from './auth';
import { openChat, waitLive } from './groups';

test('staff send a filled-in utility template and it is read like a text', async ({ browser }) => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  const subject = `Templates ${Date.now()}`;
  const phone = `1557${String(Date.now()).slice(-7)}`;

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
  await card.getByLabel('Name').fill('Cleo');
  await card.getByRole('button', { name: 'Open link' }).click();

  await row.getByRole('link', { name: subject }).click();
  await expect(staff.getByRole('heading', { name: subject })).toBeVisible();
  await waitLive(staff);
  await expect(staff.locator('.participants .count')).toHaveText('1/8');
  await openChat(staff);
  const chat = staff.locator('section.chat');

  await chat.getByRole('button', { name: 'Template message' }).click();
  const picker = chat.getByLabel('Template', { exact: true });
  // Only approved marketing and utility templates are offered.
  await expect(picker.locator('option')).toHaveText([
    'Choose a template…',
    'event_reminder · Utility · en_US',
    'order_ready · Utility · en_US',
    'weekly_offer · Marketing · en_US',
  ]);
  await picker.selectOption({ label: 'event_reminder · Utility · en_US' });
  await expect(chat.locator('.template-text')).toContainText('a quick reminder: {{1}}.');

  // Every field is required: checked in the browser before anything is sent.
  await chat.getByRole('button', { name: 'Send template' }).click();
  await expect(chat.getByRole('alert')).toContainText('Fill in {{1}}');

  await chat.getByLabel('Value for {{1}}').fill('the picnic is on Sunday at noon');
  const preview = chat.getByTestId('template-preview');
  await expect(preview).toContainText('Reminder');
  await expect(preview).toContainText('a quick reminder: the picnic is on Sunday at noon. Reply here');
  await expect(preview).toContainText('Sent by the organisers');
  await chat.getByRole('button', { name: 'Send template' }).click();

  const mine = chat.locator('li.message.outbound.template', { hasText: 'the picnic is on Sunday at noon' });
  await expect(mine).toBeVisible();
  await expect(mine.locator('.template-badge')).toHaveText('Template · event_reminder');
  await expect(mine.locator('.body')).toContainText('Sent by the organisers');
  // Sandbox participants read at once: like a text, it ends at read by 1 of 1, live.
  await expect(mine.locator('.delivery')).toContainText('Read by 1 of 1');
  await expect(mine.locator('.delivery')).toHaveAttribute('data-state', 'sent');
  // The picker is ready for the next one.
  await expect(picker).toHaveValue('');
  await expect(chat.getByRole('alert')).toHaveCount(0);
  await context.close();
});
