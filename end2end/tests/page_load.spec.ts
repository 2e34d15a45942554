// Loading a page asks for nothing that is missing and logs no error: every request the browser
// makes while a page loads and hydrates succeeds (the tab icon is inline, so no /favicon.ico).
import { expect, Page, test } from '@playwright/test';
import { signIn } from './auth';

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  // A download cut short because the test moved on to the next page is not a failure.
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`failed ${request.url()}: ${reason}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

test('the sign-in page and the groups page load without a failed request or a console error', async ({
  page,
}) => {
  const problems = watch(page);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await signIn(page);
  await page.goto('/groups');
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'on');
  expect(problems).toEqual([]);
});
