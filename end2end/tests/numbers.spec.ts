// Onboarding a sandbox number in a real browser: a wrong token is explained and nothing is added;
// the right one adds the number, shows WhatsApp's facts, and the token never comes back.
import { test, expect } from '@playwright/test';
import { signIn } from './auth';

test('an admin onboards a sandbox number with its token, after a wrong one is refused', async ({ page, request }) => {
  const suffix = String(Date.now()).slice(-9);
  const pnid = `31${suffix}`;
  const token = `EAAG-e2e-secret-${suffix}`;
  const registered = await request.post('/sandbox/control/numbers', {
    data: { phone_number_id: pnid, waba_id: `41${suffix}`, display_phone_number: `1555${suffix.slice(-7)}`,
      eligible: true, access_token: token },
  });
  expect(registered.ok()).toBeTruthy();
  await signIn(page);
  await page.goto('/numbers');
  await expect(page.getByRole('heading', { name: 'Business numbers' })).toBeVisible();

  await page.getByLabel('Phone number ID', { exact: true }).fill(pnid);
  await page.getByLabel('WABA ID').fill(`41${suffix}`);
  await expect(page.getByLabel('Access token', { exact: true })).toHaveAttribute('type', 'password');
  await page.getByLabel('Access token', { exact: true }).fill('EAAG-wrong-token');
  await page.getByLabel(/Sandbox number/).check();
  await page.getByRole('button', { name: 'Check and add' }).click();
  await expect(page.locator('section.onboard [role="alert"]')).toContainText('Meta error 190');
  await expect(page.locator(`tr[data-number]`, { hasText: pnid })).toHaveCount(0);

  await page.getByLabel('Access token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Check and add' }).click();
  await expect(page.getByRole('status')).toContainText('The number was added');
  await expect(page.locator('[data-fact="oba"]')).toHaveText('yes');
  await expect(page.locator('tr[data-number]', { hasText: pnid })).toBeVisible();

  await page.reload();
  await expect(page.locator('tr[data-number]', { hasText: pnid })).toBeVisible();
  expect(await page.content()).not.toContain(token);
});

test('an admin connects a new sandbox number through the Embedded Signup stand-in', async ({ page }) => {
  await signIn(page);
  await page.goto('/numbers');
  const section = page.locator('section.embedded-signup');
  await expect(section.getByRole('heading', { name: 'Connect with Facebook (Embedded Signup)' })).toBeVisible();
  // No Facebook app is configured in the sandbox, so only the stand-in is offered.
  await expect(section.getByRole('button', { name: 'Connect with Facebook' })).toHaveCount(0);

  const started = page.waitForResponse((response) => response.url().includes('/api/start_sandbox_signup'));
  const completed = page.waitForResponse((response) => response.url().includes('/api/complete_embedded_signup'));
  // Enabled once the page is hydrated (the stand-in runs in the browser).
  await section.getByRole('button', { name: 'Connect a new sandbox number' }).click();
  const signup = await (await started).json();
  const answer = await (await completed).text();
  expect(signup.phone_number_id).toMatch(/^\d+$/);

  await expect(section.getByRole('status')).toContainText('The number was added');
  await expect(section.locator('[data-fact="oba"]')).toHaveText('yes');
  await expect(page.locator('tr[data-number]', { hasText: signup.phone_number_id })).toBeVisible();
  expect(answer).not.toContain('sandbox-es-');
  expect(await page.content()).not.toContain('sandbox-es-');
});
