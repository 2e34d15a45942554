// The groups list: search by subject, a filter, and the way back to every group, in a real
// browser. The filter lives in the URL, so the view survives a reload.
import { test, expect } from '@playwright/test';
import { signIn } from './auth';

test('search narrows the list, survives a reload, and clearing shows every group again', async ({ page }) => {
  const stamp = Date.now();
  const knitting = `Knitting circle ${stamp}`;
  const running = `Running crew ${stamp}`;
  await signIn(page);
  await page.goto('/groups');
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'on');
  for (const subject of [knitting, running]) {
    await page.getByLabel('Subject').fill(subject);
    await page.getByRole('button', { name: 'Create group' }).click();
    await expect(page.locator('tr.group', { hasText: subject }).locator('[data-state]')).toHaveAttribute(
      'data-state',
      'active',
    );
  }
  await expect(page.locator('tr.group', { hasText: knitting }).locator('td.participants')).toHaveText('0/8');

  await page.getByRole('searchbox', { name: 'Search' }).fill(`knitting CIRCLE ${stamp}`);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/[?&]q=knitting(\+|%20)CIRCLE/);
  await expect(page.locator('tr.group')).toHaveCount(1);
  await expect(page.locator('tr.group')).toContainText(knitting);

  await page.reload();
  await expect(page.locator('tr.group')).toHaveCount(1);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(`knitting CIRCLE ${stamp}`);

  await page.getByRole('searchbox', { name: 'Search' }).fill(`no such group ${stamp}`);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText('No group matches this search or filter.')).toBeVisible();

  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page.locator('tr.group', { hasText: knitting })).toBeVisible();
  await expect(page.locator('tr.group', { hasText: running })).toBeVisible();
});

test('the approval filter keeps only groups that need approval', async ({ page }) => {
  const stamp = Date.now();
  const open = `Open door ${stamp}`;
  const closed = `Guest list ${stamp}`;
  await signIn(page);
  await page.goto('/groups');
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'on');
  for (const [subject, mode] of [[open, 'auto_approve'], [closed, 'approval_required']]) {
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Who can join with the link').selectOption(mode);
    await page.getByRole('button', { name: 'Create group' }).click();
    await expect(page.locator('tr.group', { hasText: subject })).toBeVisible();
  }

  await page.getByRole('searchbox', { name: 'Search' }).fill(String(stamp));
  await page.getByLabel('Joining').selectOption('approval_required');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/approval=approval_required/);
  await expect(page.locator('tr.group')).toHaveCount(1);
  await expect(page.locator('tr.group')).toContainText(closed);
});
