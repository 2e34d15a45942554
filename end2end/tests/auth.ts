// Sign-in helpers shared by the specs. The server gets these credentials as
// GROUPDESK_BOOTSTRAP_ADMIN_* (playwright.config.ts), so the first platform admin exists and is
// admin of the Demo tenant. They exist only in the throw-away e2e database.
import { expect, Page } from '@playwright/test';

export const admin = {
  email: 'e2e-admin@groupdesk.test',
  password: 'e2e admin password, not a default',
};

// The OpenID provider the suite starts (oidc/server.mjs). Its login pages take any password; the
// login name picks the account. `admin` has the platform admin's address, so it signs in as them;
// nobody in GroupDesk has `stranger`'s address.
export const oidc = {
  name: 'Test IdP',
  clientId: 'groupdesk-e2e',
  clientSecret: 'e2e-client-secret, not a real one',
  accounts: {
    admin: { email: admin.email, name: 'E2E Admin at the IdP' },
    stranger: { email: 'stranger@elsewhere.test', name: 'Stranger' },
  },
};

// Where the provider listens: E2E_OIDC_PORT, or GroupDesk's E2E_PORT + 1000 (parallel runs on
// one machine move both with E2E_PORT).
export function oidcIssuer(): string {
  const port = process.env.E2E_OIDC_PORT || String(Number(process.env.E2E_PORT || '3100') + 1000);
  return `http://127.0.0.1:${port}`;
}

export async function signIn(page: Page, email = admin.email, password = admin.password) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/groups$/);
}
