// Sign-in helpers shared by the specs. The server gets these credentials as
// GROUPDESK_BOOTSTRAP_ADMIN_* (playwright.config.ts), so the first platform admin exists and is
// admin of the Demo tenant. They exist only in the throw-away e2e database.
import { expect, Page } from '@playwright/test';

export const admin = {
  email: 'e2e-admin@groupdesk.test',
  password: 'e2e admin password, not a default',
};

export async function signIn(page: Page, email = admin.email, password = admin.password) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/groups$/);
}
