// Loading a page asks for nothing that is missing and logs no error: every request the browser
// makes while a page loads and hydrates succeeds (the tab icon is inline, so no /favicon.ico).
import { expect, Page, test } from '@playwright/test';
import { signIn } from './auth';
import { openChat, openNewGroup, waitLive } from './groups';

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

test('the top bar keeps its links apart at desktop width', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await signIn(page);
  const links = page.locator('header.topbar nav a');
  await expect(links.first()).toBeVisible();
  const boxes = await links.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
  expect(boxes.length).toBeGreaterThan(2);
  for (let i = 1; i < boxes.length; i += 1) {
    const [before, after] = [boxes[i - 1], boxes[i]];
    // Links on one line leave a visible gap; a link that wrapped starts a lower line.
    if (Math.abs(before.top - after.top) < 2) expect(after.left - before.right).toBeGreaterThanOrEqual(8);
    else expect(after.top).toBeGreaterThan(before.top);
  }
});

test('a group page loads and hydrates without a failed request or a console error', async ({ page }) => {
  const subject = `Loaded ${Date.now()}`;
  await openNewGroup(page, subject);
  const problems = watch(page);
  await page.reload();
  await waitLive(page);
  await expect(page.getByRole('heading', { name: 'Delete group' })).toBeVisible();
  expect(problems).toEqual([]);
  await page.getByLabel(`To confirm, type the subject “${subject}”`).fill(subject);
  await expect(page.getByRole('button', { name: 'Delete this group' })).toBeEnabled();
  expect(problems).toEqual([]);
});

test('a group chat, a page of its own, loads directly and works once hydrated', async ({ page }) => {
  const subject = `Chat page ${Date.now()}`;
  await openNewGroup(page, subject);
  await openChat(page);
  const problems = watch(page);
  await page.reload();
  await waitLive(page);
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.locator('.chat-participants .count')).toHaveText('0/8');
  const chat = page.locator('section.chat');
  await chat.getByLabel('Message').fill('Hello after a reload');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(chat.locator('li.message.outbound', { hasText: 'Hello after a reload' })).toBeVisible();
  expect(problems).toEqual([]);
  // The Details tab leads back to the group's page.
  await page.locator('nav.group-tabs').getByRole('link', { name: 'Details' }).click();
  await expect(page.getByRole('heading', { name: 'Participants' })).toBeVisible();
  await expect(page.locator('section.chat')).toHaveCount(0);
});

test('the chat of a group that does not exist says so once and shows no chat', async ({ page }) => {
  await signIn(page);
  await page.goto('/groups/00000000-0000-4000-8000-000000000000/chat');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('This item does not exist or is not visible to you.');
  await expect(page.locator('section.chat')).toBeHidden();
  await expect(page.getByRole('link', { name: '← All groups' })).toBeVisible();
});

test('the live pages load and hydrate without a failed request or a console error', async ({ page }) => {
  await signIn(page);
  const problems = watch(page);
  // Each shows "Live" once the browser has hydrated it and opened its update stream.
  for (const path of ['/join-requests', '/operations', '/sandbox']) {
    await page.goto(path);
    await waitLive(page);
    expect(problems, path).toEqual([]);
  }
});
