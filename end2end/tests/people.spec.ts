// People in a real browser: an admin invites someone by link, the invitee joins with a name and
// password and lands on the groups with their role, and the admin finds it in the audit log.
import { test, expect } from '@playwright/test';
import { signIn } from './auth';

test('an invited person joins by link and the audit log shows it', async ({ page, browser }) => {
  const email = `invitee-${Date.now()}@example.org`;
  await signIn(page);
  await page.goto('/people');
  await expect(page.getByRole('heading', { name: 'People' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Role').selectOption('support');
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await page.locator('input.invitation-link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const invitee = await browser.newContext();
  const other = await invitee.newPage();
  await other.goto(link);
  await other.getByLabel('Your name').fill('Invited Person');
  await other.getByLabel(/^Password/).fill('invitee password 123');
  await other.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(other).toHaveURL(/\/groups$/);
  await expect(other.locator('.tenant')).toContainText('Demo · Support');
  // Support may read groups but not create them: the menu has no People entry.
  await expect(other.getByRole('link', { name: 'People' })).toHaveCount(0);
  await invitee.close();

  await page.goto('/audit?action=people.invite_accept');
  await expect(page.locator('tr.entry[data-action="people.invite_accept"]')).toHaveCount(1);
  await expect(page.locator('tr.entry')).toContainText(email);
});
