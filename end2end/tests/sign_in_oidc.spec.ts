// Signing in through a real OpenID Connect provider (npm `oidc-provider`, started by the suite:
// oidc/server.mjs) in a real browser: the sign-in page offers the provider, its login and consent
// pages sign the person in, and GroupDesk opens the groups. A person GroupDesk does not know is
// told to ask for an invitation; cancelling at the provider ends on the sign-in page with a reason.
import { test, expect, Page } from '@playwright/test';
import { oidc, oidcIssuer } from './auth';

async function signInAtProvider(page: Page, login: string) {
  await page.goto('/login');
  await page.getByRole('link', { name: `Sign in with ${oidc.name}` }).click();
  // The provider's own login page (another origin).
  await expect(page.locator('input[name="login"]')).toBeVisible();
  expect(page.url().startsWith(`${oidcIssuer()}/`)).toBe(true);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password works at this provider');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('signing in through the identity provider opens the groups', async ({ page, context }) => {
  await signInAtProvider(page, 'admin');
  await expect(page).toHaveURL(/\/groups$/);
  await expect(page.getByRole('heading', { name: 'Groups' })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === 'groupdesk_session');
  expect(cookie?.httpOnly).toBe(true);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('a person GroupDesk does not know is told to ask for an invitation', async ({ page }) => {
  await signInAtProvider(page, 'stranger');
  await expect(page).toHaveURL(/\/login\?oidc=not_invited$/);
  await expect(page.getByRole('alert')).toContainText('Ask your admin to invite you');
  await page.goto('/groups');
  await expect(page).toHaveURL(/\/login$/);
});

test('cancelling at the provider ends on the sign-in page with a reason', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: `Sign in with ${oidc.name}` }).click();
  await page.getByRole('link', { name: '[ Cancel ]' }).click();
  await expect(page).toHaveURL(/\/login\?oidc=denied$/);
  await expect(page.getByRole('alert')).toContainText('did not sign you in');
});
