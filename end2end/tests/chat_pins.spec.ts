// Pinned messages through the UI, against the sandbox: staff pin a message for a chosen number of
// days and it shows at the top; with 3 pinned, the dialog names the pin that will drop, and after
// the 4th pin it is gone; Unpin removes a pin.
import { test, expect, Locator } from '@playwright/test';
import { signIn } from './auth';
import { openChat, waitLive } from './groups';

async function send(chat: Locator, body: string) {
  await chat.getByLabel('Message').fill(body);
  await chat.getByRole('button', { name: 'Send' }).click();
  const mine = chat.locator('li.message.outbound', { hasText: body });
  // Only a message WhatsApp has taken can be pinned.
  await expect(mine.locator('.delivery')).toHaveAttribute('data-state', 'sent');
  return mine;
}

test('staff pin messages, a 4th pin drops the oldest as announced, and unpin works', async ({ browser }) => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  const subject = `Pins ${Date.now()}`;
  const phone = `1557${String(Date.now()).slice(-7)}`;

  await signIn(staff);
  await waitLive(staff);
  await staff.getByLabel('Subject').fill(subject);
  await staff.getByRole('button', { name: 'Create group' }).click();
  const row = staff.locator('tr.group', { hasText: subject });
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'active');

  const user = await context.newPage();
  await user.goto('/sandbox');
  await waitLive(user);
  const card = user.locator('section.sim-group', { hasText: subject });
  await card.getByLabel('Phone number').fill(phone);
  await card.getByLabel('Name').fill('Dina');
  await card.getByRole('button', { name: 'Open link' }).click();

  await row.getByRole('link', { name: subject }).click();
  await expect(staff.getByRole('heading', { name: subject })).toBeVisible();
  await waitLive(staff);
  await expect(staff.locator('.participants .count')).toHaveText('1/8');
  await openChat(staff);
  const chat = staff.locator('section.chat');
  const strip = chat.locator('section.pinned');
  const dialog = chat.getByRole('dialog', { name: 'Pin this message' });

  const bodies = ['Agenda for Monday', 'Parking is free', 'Lunch at noon', 'Slides are online'];
  const messages: Locator[] = [];
  for (const body of bodies) {
    messages.push(await send(chat, body));
  }

  // The first pin, for 5 days: the dialog explains the 3-pin rule; nothing drops yet.
  await messages[0].getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('at most 3 pinned messages');
  await expect(dialog.locator('.pin-drop')).toHaveCount(0);
  await dialog.getByLabel('Keep it pinned for').selectOption('5');
  await dialog.getByRole('button', { name: 'Pin message' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(strip.locator('li.pin')).toHaveCount(1);
  await expect(strip.locator('li.pin').first()).toHaveAttribute('data-state', 'active');
  await expect(strip).toContainText('Agenda for Monday');
  await expect(strip).toContainText('until');
  await expect(messages[0].locator('.pinned-mark')).toHaveText('Pinned');
  await expect(chat.locator('li.pin-note', { hasText: 'Agenda for Monday' })).toContainText('pinned');
  await expect(chat.locator('li.pin-note', { hasText: 'Agenda for Monday' })).toContainText('for 5 days');

  for (const n of [1, 2]) {
    await messages[n].getByRole('button', { name: 'Pin', exact: true }).click();
    await dialog.getByRole('button', { name: 'Pin message' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(strip.locator('li.pin[data-state="active"]')).toHaveCount(n + 1);
  }
  await expect(strip.locator('h3')).toHaveText('Pinned (3 of 3)');

  // With 3 pinned, the dialog names the pin that will drop: the one pinned longest ago.
  await messages[3].getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(dialog.locator('.pin-drop')).toContainText('Agenda for Monday');
  await dialog.getByRole('button', { name: 'Pin message' }).click();
  await expect(dialog).toHaveCount(0);
  // Newest pinned message first; the oldest pin is gone.
  await expect(strip.locator('li.pin .quote')).toHaveText([
    'Slides are online',
    'Lunch at noon',
    'Parking is free',
  ]);
  await expect(strip.locator('li.pin[data-state="active"]')).toHaveCount(3);
  await expect(messages[0].getByRole('button', { name: 'Pin', exact: true })).toBeVisible();

  // Unpin.
  await strip.locator('li.pin', { hasText: 'Lunch at noon' }).getByRole('button', { name: 'Unpin' }).click();
  await expect(strip.locator('li.pin .quote')).toHaveText(['Slides are online', 'Parking is free']);
  await expect(chat.locator('li.pin-note', { hasText: 'Lunch at noon' }).last()).toContainText('unpinned');
  await context.close();
});
