// The walking skeleton in a real browser: create a group, watch it become active with its invite
// link, without reloading the page. Also: bad input shows a clear error and adds nothing.
import { test, expect, Page } from '@playwright/test';
import { signIn } from './auth';

async function openGroups(page: Page) {
  await signIn(page);
  await page.goto('/groups');
  await expect(page.getByRole('heading', { name: 'Groups' })).toBeVisible();
  // Hydrated, and the live stream is open.
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'on');
}

test('a new group shows creating, then active with its invite link, without a reload', async ({ page }) => {
  const subject = `Book club ${Date.now()}`;
  let navigations = 0;
  await openGroups(page);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });

  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Description').fill('We read one book a month.');
  await page.getByLabel('Who can join with the link').selectOption('approval_required');
  await page.getByRole('button', { name: 'Create group' }).click();

  const row = page.locator('tr.group', { hasText: subject });
  await expect(row).toBeVisible();
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', /creating|active/);
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'active');
  await expect(row.locator('a.invite-link')).toHaveText(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{22}$/);
  expect(navigations).toBe(0);
  // The form is cleared for the next group.
  await expect(page.getByLabel('Subject')).toHaveValue('');
});

test('a subject over 128 characters is refused with a clear message and nothing is created', async ({ page }) => {
  await openGroups(page);
  const before = await page.locator('tr.group').count();

  // The browser's maxlength would cut typing; a pasted value set by script reaches the server.
  await page.getByLabel('Subject').evaluate((input: HTMLInputElement) => {
    input.removeAttribute('maxlength');
    input.value = 'x'.repeat(129);
  });
  await page.getByRole('button', { name: 'Create group' }).click();

  await expect(page.getByRole('alert')).toContainText('at most 128 characters');
  await expect(page.locator('tr.group')).toHaveCount(before);
});
