// The join-request queue, against the sandbox: requests of two groups appear on one page, the
// queue filters by group and age, a bulk approval shows each request's outcome (one explained
// failure: the group is full), and a bulk rejection (SPEC §2.14) shows its outcome too.
import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { signIn } from './auth';
import { createAndOpenGroup, waitLive } from './groups';

let serial = 0;
function phone(): string {
  serial += 1;
  return `1557${String(Date.now()).slice(-5)}${String(serial).padStart(2, '0')}`;
}

/** Creates an approval-required group on the Groups page; returns its invite link. */
async function gatedGroup(page: Page, subject: string): Promise<string> {
  await page.goto('/groups');
  return createAndOpenGroup(page, subject, 'approval_required');
}

/** A WhatsApp user opens the link (the sandbox's control API plays the user). */
async function ask(request: APIRequestContext, link: string, wa_id: string) {
  const response = await request.post('/sandbox/control/join', {
    data: { invite_link: link, user: { wa_id, name: `User ${wa_id.slice(-4)}` } },
  });
  expect(response.ok()).toBeTruthy();
  expect((await response.json()).result).toBe('requested');
}

async function showGroup(page: Page, subject: string) {
  await page.getByLabel('Group', { exact: true }).selectOption({ label: subject });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page).toHaveURL(/group=/);
  await waitLive(page);
}

test('requests of two groups are decided in bulk, each with its own outcome', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const staff = await context.newPage();
  const stamp = Date.now();
  const full = `Queue full ${stamp}`;
  const open = `Queue open ${stamp}`;
  await signIn(staff);
  const fullLink = await gatedGroup(staff, full);
  await gatedGroup(staff, open);

  // Nine people ask to join the first group; one opens the second group's link in the sandbox.
  const crowd = Array.from({ length: 9 }, () => phone());
  for (const user of crowd) await ask(staff.request, fullLink, user);
  const ana = phone();
  const ben = phone();
  const sandbox = await context.newPage();
  await sandbox.goto('/sandbox');
  await waitLive(sandbox);
  for (const [who, name] of [[ana, 'Ana'], [ben, 'Ben']]) {
    const card = sandbox.locator('section.sim-group', { hasText: open });
    await card.getByLabel('Phone number').fill(who);
    await card.getByLabel('Name').fill(name);
    await card.getByRole('button', { name: 'Open link' }).click();
    await expect(sandbox.getByRole('status').filter({ hasText: 'Asked to join' })).toBeVisible();
    await sandbox.reload();
    await waitLive(sandbox);
  }

  // The queue, from the navigation, lists the requests of both groups.
  await staff.getByRole('navigation').getByRole('link', { name: 'Join requests' }).click();
  await expect(staff.getByRole('heading', { name: 'Join requests' })).toBeVisible();
  await waitLive(staff);
  await expect(staff.locator('tr.join-request', { hasText: full })).toHaveCount(9);
  await expect(staff.locator('tr.join-request', { hasText: open })).toHaveCount(2);

  // Filter by group; nobody has waited a week.
  await showGroup(staff, full);
  await expect(staff.locator('tr.join-request')).toHaveCount(9);
  await expect(staff.locator('tr.join-request', { hasText: open })).toHaveCount(0);
  await staff.getByLabel('Waiting', { exact: true }).selectOption({ label: 'Longer than 1 week' });
  await staff.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(staff.getByText('No request matches this filter')).toBeVisible();
  await staff.getByRole('link', { name: 'Clear', exact: true }).click();
  await waitLive(staff);
  await showGroup(staff, full);

  // Approve all nine with the keyboard-usable select-all: eight fit, the ninth is explained.
  await staff.getByLabel('Select all waiting requests', { exact: true }).check();
  await staff.getByRole('button', { name: 'Approve selected (9)' }).click();
  await expect(staff.locator('.decide-summary')).toHaveText('8 approved · 1 failed (see each row)');
  const failed = staff.locator('tr.join-request[data-state="failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed.locator('td.outcome')).toContainText('The group is full');
  await expect(failed.locator('td.outcome')).toContainText('131204');
  await expect(staff.locator('tr.join-request[data-state="approved"]')).toHaveCount(8);
  await expect(staff.locator('tr.join-request').first().locator('td.outcome')).toContainText('Approved');

  // In the other group, reject Ben and approve Ana, each showing its outcome.
  await showGroup(staff, open);
  await staff.getByLabel(`Select ${ben} (${open})`, { exact: true }).check();
  await staff.getByRole('button', { name: 'Reject selected (1)' }).click();
  const benRow = staff.locator('tr.join-request', { hasText: ben });
  await expect(benRow).toHaveAttribute('data-state', 'rejected');
  await expect(benRow.locator('td.outcome')).toHaveText('Rejected');
  await expect(staff.locator('.decide-summary')).toHaveText('1 rejected');
  await staff.getByLabel(`Select ${ana} (${open})`, { exact: true }).press('Space');
  await staff.getByRole('button', { name: 'Approve selected (1)' }).click();
  const anaRow = staff.locator('tr.join-request', { hasText: ana });
  await expect(anaRow).toHaveAttribute('data-state', 'approved');
  await expect(anaRow.locator('td.outcome')).toHaveText('Approved: now a participant');

  // The group page agrees: Ana is in, and WhatsApp has nothing left to add.
  await anaRow.getByRole('link', { name: open }).click();
  await expect(staff.locator('li.participant', { hasText: ana })).toBeVisible();
  await staff.getByRole('button', { name: 'Check WhatsApp for requests' }).click();
  await expect(staff.locator('.refresh-outcome')).toContainText('WhatsApp lists no requests');
  await context.close();
});

test('the queue works at phone width and says what to do when it is empty', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  const subject = `Queue phone ${Date.now()}`;
  await signIn(page);
  const link = await gatedGroup(page, subject);
  const who = phone();
  await ask(page.request, link, who);
  await page.goto('/join-requests');
  await waitLive(page);
  const row = page.locator('tr.join-request', { hasText: who });
  await expect(row).toBeVisible();
  await page.getByLabel(`Select ${who} (${subject})`, { exact: true }).check();
  await expect(page.getByRole('button', { name: 'Reject selected (1)' })).toBeEnabled();
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await fits()).toBeLessThanOrEqual(375);

  await page.goto('/join-requests?age=1w');
  await expect(page.getByRole('heading', { name: 'Join requests' })).toBeVisible();
  await expect(page.locator('p.empty')).toContainText('Clear the filter');
  expect(await fits()).toBeLessThanOrEqual(375);
  await context.close();
});
