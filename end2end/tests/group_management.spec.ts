// Group management on the group page, against the sandbox: remove participants, the 8-person
// limit, the invite link (copy, QR code, PNG, reset), settings, delete, and a suspended group.
// Each action shows its outcome live, and each has an error path a person can read.
import { test, expect, APIRequestContext } from '@playwright/test';
import * as fs from 'node:fs';
import { join, openNewGroup, phone, waitLive } from './groups';

async function setGroupRateLimit(request: APIRequestContext, rate: number) {
  const behaviour = await (await request.get('/sandbox/control/behaviour')).json();
  const response = await request.put('/sandbox/control/behaviour', {
    data: { ...behaviour, group_rate_limit_rate: rate },
  });
  expect(response.ok()).toBeTruthy();
}

test('staff remove two participants at once after a warning, and see each outcome', async ({ page }) => {
  const link = await openNewGroup(page, `Removals ${Date.now()}`);
  // The group's facts: created today (UTC), no picture sent yet.
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.locator('.group-info .created')).toHaveText(`Created ${today}`);
  await expect(page.getByRole('img', { name: "The group's picture" })).toHaveCount(0);
  const [ana, ben, eve] = [phone(), phone(), phone()];
  for (const user of [ana, ben, eve]) expect((await join(page.request, link, user)).ok()).toBeTruthy();
  await expect(page.locator('.participants .count')).toHaveText('3/8');

  await page.getByLabel(`Select ${ana}`).check();
  await page.getByLabel(`Select ${ben}`).check();
  await page.getByRole('button', { name: 'Remove selected (2)' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('cannot rejoin through the invite link');
  await dialog.getByRole('button', { name: 'Yes, remove' }).click();

  await expect(page.locator('.participants .count')).toHaveText('1/8');
  const outcome = page.locator('.removal-outcome');
  await expect(outcome.locator('li[data-state="done"]')).toHaveCount(2);
  await expect(outcome).toContainText(ana);
  await expect(page.locator('li.participant', { hasText: eve })).toBeVisible();
  // The error path: a removed user cannot come back through the link.
  expect((await join(page.request, link, ana)).status()).toBe(403);
});

test('a group of eight says it is full and the ninth person is refused', async ({ browser }) => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  const subject = `Full ${Date.now()}`;
  const link = await openNewGroup(staff, subject);
  for (let n = 0; n < 8; n += 1) expect((await join(staff.request, link, phone())).ok()).toBeTruthy();
  await expect(staff.locator('.participants .count')).toHaveText('8/8');
  await expect(staff.locator('.participants')).toContainText('The group is full');

  const user = await context.newPage();
  await user.goto('/sandbox');
  await waitLive(user);
  const card = user.locator('section.sim-group', { hasText: subject });
  await card.getByLabel('Phone number').fill(phone());
  await card.getByLabel('Name').fill('Ninth');
  await card.getByRole('button', { name: 'Open link' }).click();
  await expect(user.getByRole('alert').filter({ hasText: 'full' })).toBeVisible();
  await expect(staff.locator('.participants .count')).toHaveText('8/8');
  await context.close();
});

test('the invite link is copied, shown as a QR code, downloaded as PNG, and reset after a warning', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const old = await openNewGroup(page, `Links ${Date.now()}`);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(old);
  await expect(page.locator('.qr-code svg')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download QR code (PNG)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('group-invite-qr.png');
  const png = fs.readFileSync(await download.path());
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

  await page.getByRole('button', { name: 'Reset link' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('The current link stops working');
  await dialog.getByRole('button', { name: 'Yes, reset the link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'New link ready' })).toBeVisible();
  await expect(page.locator('.invite-link-field')).not.toHaveValue(old);
  const fresh = await page.locator('.invite-link-field').inputValue();
  expect((await join(page.request, old, phone())).status()).toBe(404);
  expect((await join(page.request, fresh, phone())).ok()).toBeTruthy();
});

test('subject and description change with a per-setting outcome; no change is refused plainly', async ({ page }) => {
  const subject = `Settings ${Date.now()}`;
  await openNewGroup(page, subject);

  await page.getByRole('button', { name: 'Edit subject and description' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing changed');

  const form = page.locator('form.settings-form');
  await form.getByLabel('Subject').fill(`${subject} renamed`);
  await form.getByLabel('Description').fill('Meets on Fridays.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: `${subject} renamed` })).toBeVisible();
  await expect(page.locator('p.description')).toHaveText('Meets on Fridays.');
  const outcome = page.locator('.settings-outcome');
  await expect(outcome.locator('li[data-state="done"]')).toHaveCount(2);
});

test('deleting needs the subject typed; a refusal by WhatsApp is explained; then the group ends deleted', async ({ page }) => {
  const subject = `Farewell ${Date.now()}`;
  await openNewGroup(page, subject);
  const field = page.getByLabel(/To confirm, type the subject/);
  const button = page.getByRole('button', { name: 'Delete this group' });

  await field.fill('farewell');
  await expect(button).toBeDisabled();
  await field.fill(subject);
  await expect(button).toBeEnabled();
  await setGroupRateLimit(page.request, 1);
  try {
    await button.click();
    await expect(page.getByRole('alert')).toContainText('Too many group operations');
    await expect(button).toBeEnabled();
  } finally {
    await setGroupRateLimit(page.request, 0);
  }
  await button.click();

  await expect(page.locator('[data-state="deleted"]').first()).toBeVisible();
  await expect(page.getByText('This group was deleted on WhatsApp')).toBeVisible();
  await page.goto('/groups');
  await expect(page.locator('tr.group', { hasText: subject })).toHaveCount(0);
});

test('a suspended group shows a banner and offers no changes', async ({ browser }) => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  const subject = `Suspended ${Date.now()}`;
  const link = await openNewGroup(staff, subject);
  const member = phone();
  expect((await join(staff.request, link, member)).ok()).toBeTruthy();
  await expect(staff.locator('li.participant', { hasText: member })).toBeVisible();
  await expect(staff.getByRole('button', { name: 'Reset link' })).toBeVisible();

  const whatsapp = await context.newPage();
  await whatsapp.goto('/sandbox');
  await waitLive(whatsapp);
  await whatsapp
    .locator('section.sim-group', { hasText: subject })
    .getByRole('button', { name: 'Suspend (as WhatsApp)' })
    .click();

  const banner = staff.getByRole('alert').filter({ hasText: 'suspended this group' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('off while the group is suspended');
  await expect(staff.getByRole('button', { name: 'Reset link' })).toHaveCount(0);
  await expect(staff.getByRole('button', { name: /Remove selected/ })).toHaveCount(0);
  await expect(staff.getByRole('button', { name: 'Edit subject and description' })).toHaveCount(0);
  await expect(staff.getByLabel(`Select ${member}`)).toHaveCount(0);
  await context.close();
});

test('the group page works at mobile width with the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const link = await openNewGroup(page, `Mobile ${Date.now()}`);
  const user = phone();
  expect((await join(page.request, link, user)).ok()).toBeTruthy();
  const checkbox = page.getByLabel(`Select ${user}`);
  await checkbox.focus();
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Remove selected (1)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toBeVisible();
  // Nothing sticks out sideways: no element wider than the screen.
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll('main *'))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
  );
  expect(wide).toEqual([]);
});
