// Local accounts in a real browser: anonymous visitors are sent to the sign-in page, a wrong
// password is refused with a clear message, a right one opens the groups, and signing out ends
// the session.
import { test, expect } from '@playwright/test';
import { admin, signIn } from './auth';

test('an anonymous visitor is sent to the sign-in page', async ({ page }) => {
  await page.goto('/groups');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong email or password');
  await expect(page).toHaveURL(/\/login$/);
});

test('signing in opens the groups and signing out ends the session', async ({ page, context }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Groups' })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === 'groupdesk_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/groups');
  await expect(page).toHaveURL(/\/login$/);
});
