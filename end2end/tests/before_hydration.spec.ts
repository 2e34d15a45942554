// A form sent while the page is still loading (before the browser has run the app's code) is held
// and sent through the app once the page has hydrated, so its outcome shows in place and what the
// person typed stays (app/src/shell/submit_guard.rs). The app's code is held back here by
// intercepting the wasm downloads, which makes "before hydration" last as long as the test needs.
import { expect, Page, test } from '@playwright/test';
import { signIn } from './auth';

/** Holds every wasm download until the returned function is called. */
async function holdAppCode(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('a form sent while the page loads is sent once it has loaded, and its error shows in place', async ({
  page,
}) => {
  await signIn(page);
  const release = await holdAppCode(page);
  await page.goto('/groups', { waitUntil: 'domcontentloaded' });
  const form = page.locator('section.create-group form');
  await page.getByLabel('Subject').fill('   ');
  await page.getByLabel('Description').fill('Typed while the page was loading');
  await page.getByRole('button', { name: 'Create group' }).click();

  // Held: the form says it is busy, and the page is still the one the server sent.
  await expect(form).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('html[data-hydrated]')).toHaveCount(0);

  release();
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  await expect(form.getByRole('alert')).toHaveText('Enter a subject: it cannot be empty.');
  await expect(page.getByLabel('Description')).toHaveValue('Typed while the page was loading');
  await expect(form).not.toHaveAttribute('aria-busy', 'true');
  await expect(page).toHaveURL(/\/groups$/);
});

test('if the app never loads, a held form is sent the plain way rather than lost', async ({ page }) => {
  await signIn(page);
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto('/groups', { waitUntil: 'domcontentloaded' });
  const subject = `Sent without the app ${Date.now()}`;
  await page.getByLabel('Subject').fill(subject);
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.locator('section.create-group form')).toHaveAttribute('aria-busy', 'true');

  // After the guard's wait (ten seconds) the browser posts the form itself; the server creates
  // the group and sends the browser back to the list, which shows it.
  await expect(page.locator('tr.group', { hasText: subject })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('html[data-hydrated]')).toHaveCount(0);
});
