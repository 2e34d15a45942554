// "Sync from WhatsApp": a group made on WhatsApp outside GroupDesk (the Sandbox page plays
// another app) appears in the groups list after a sync, with the run's progress shown to the end.
import { test, expect, Page } from '@playwright/test';
import { signIn } from './auth';

async function live(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'on');
}

test('a group created outside GroupDesk appears after Sync from WhatsApp, with the progress to the end', async ({ page }) => {
  const subject = `Made elsewhere ${Date.now()}`;
  await signIn(page);

  await live(page, '/sandbox');
  const form = page.locator('section.sim-elsewhere');
  const number = (await form.getByLabel('On number').locator('option:checked').textContent())!.trim();
  await form.getByLabel('Group subject').fill(subject);
  await form.getByLabel("First participant's phone (optional)").fill(`1555${Date.now() % 10_000_000}`);
  await form.getByRole('button', { name: 'Create outside GroupDesk' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created on WhatsApp' })).toBeVisible();

  await live(page, '/groups');
  await expect(page.locator('tr.group', { hasText: subject })).toHaveCount(0);
  const row = page.locator('li.sync-number', { hasText: number });
  const button = row.getByRole('button', { name: 'Sync from WhatsApp', exact: true });
  // From the keyboard.
  await button.focus();
  await page.keyboard.press('Enter');

  await expect(row).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
  const status = row.getByRole('status');
  await expect(status).toContainText('Finished');
  await expect(status).toContainText(/\d+ groups? seen: [1-9]\d* imported/);
  const group = page.locator('tr.group', { hasText: subject });
  await expect(group).toBeVisible();
  await expect(group.locator('[data-state]').first()).toHaveAttribute('data-state', 'active');
  await expect(group.locator('td.participants')).toHaveAttribute('data-participants', '1');

  // A second run finds the group again and imports nothing new.
  await button.click();
  await expect(status).toContainText(/: 0 imported/, { timeout: 20_000 });
  await expect(row).toHaveAttribute('data-state', 'succeeded');
});

test('the sync panel fits a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page);
  await live(page, '/groups');
  const panel = page.locator('section.sync-panel');
  await expect(panel.getByRole('button', { name: 'Sync from WhatsApp', exact: true }).first()).toBeVisible();
  // The panel itself stays within the screen and does not scroll sideways (the page's nav and
  // table are other areas').
  const box = (await panel.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

test('a group deleted outside GroupDesk is flagged by Sync from WhatsApp and can be marked deleted', async ({ page }) => {
  const subject = `Vanishing ${Date.now()}`;
  await signIn(page);
  await live(page, '/groups');
  const create = page.locator('form', { has: page.getByRole('button', { name: 'Create group' }) });
  // The option reads "15550100001 (sandbox)"; the sync panel names the number alone.
  const option = (await create.getByLabel('Business number').locator('option:checked').textContent())!;
  const number = option.replace(/\(.*\)/, '').trim();
  await create.getByLabel('Subject').fill(subject);
  await create.getByRole('button', { name: 'Create group' }).click();
  const group = page.locator('tr.group', { hasText: subject });
  await expect(group.locator('[data-state]').first()).toHaveAttribute('data-state', 'active');

  // Another app of the number deletes it on WhatsApp; no webhook reaches GroupDesk.
  const listed = await page.request.get('/sandbox/control/groups');
  const { groups } = await listed.json();
  const wa = groups.find((g: { subject: string }) => g.subject === subject);
  expect((await page.request.post(`/sandbox/control/groups/${wa.group_id}/vanish`)).ok()).toBeTruthy();

  const row = page.locator('li.sync-number', { hasText: number });
  await row.getByRole('button', { name: 'Sync from WhatsApp', exact: true }).click();
  await expect(row).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
  await expect(group).toContainText('Not found on WhatsApp');

  await group.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.locator('.banner.missing')).toContainText('mark it deleted below');
  const section = page.locator('section.delete-group');
  await expect(section.getByRole('heading', { name: 'Mark as deleted' })).toBeVisible();
  const button = section.getByRole('button', { name: 'Mark this group deleted' });
  await section.getByRole('textbox').fill(`${subject} (typo)`);
  await expect(button).toBeDisabled();
  await section.getByRole('textbox').fill(subject);
  await button.click();

  await expect(page.locator('[data-state]').first()).toHaveAttribute('data-state', 'deleted');
  await expect(section).toHaveCount(0);
});
