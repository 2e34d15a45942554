// A platform admin creates a tenant and invites its first admin, in a real browser.
import { test, expect } from '@playwright/test';
import { signIn } from './auth';

test('a platform admin creates a tenant and gets an invitation link for its admin', async ({ page }) => {
  const slug = `acme-${Date.now()}`;
  await signIn(page);
  await page.goto('/tenants');
  await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Acme e2e');
  await page.getByLabel(/^Slug/).fill(slug);
  await page.getByRole('button', { name: 'Create tenant' }).click();

  const row = page.locator('tr[data-tenant]', { hasText: slug });
  await expect(row).toBeVisible();
  await row.getByLabel("Admin's email").fill(`boss@${slug}.test`);
  await row.getByRole('button', { name: 'Invite admin' }).click();
  await expect(page.locator('input.invitation-link')).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);

  await row.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.locator('tr[data-tenant]', { hasText: slug })).toContainText('Suspended');
});
