// The group page's remaining Groups API rows, against the sandbox: a new picture (a wrong one
// offered as a centre-cropped JPEG, a too-small one refused), reading the invite link from
// WhatsApp (SPEC §2.6) and deleting it (§2.8), and changing who can join with the link.
import { test, expect, Page } from '@playwright/test';
import { join, openNewGroup, phone } from './groups';

/** A picture drawn in the page, as the bytes of a file of `type`. */
async function drawn(page: Page, width: number, height: number, type: string): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ([w, h, t]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w as number;
      canvas.height = h as number;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#2a7';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#fff';
      context.fillRect(canvas.width / 4, canvas.height / 4, canvas.width / 2, canvas.height / 2);
      const blob: Blob = await new Promise((resolve) => canvas.toBlob((b) => resolve(b!), t as string, 0.9));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    [width, height, type],
  );
  return Buffer.from(bytes);
}

test('a wide PNG is offered as a centre-cropped JPEG, sent and confirmed; a tiny picture is refused', async ({ page }) => {
  await openNewGroup(page, `Pictured ${Date.now()}`);
  const input = page.getByLabel('New group picture');

  const tiny = await drawn(page, 100, 100, 'image/jpeg');
  await input.setInputFiles({ name: 'tiny.jpg', mimeType: 'image/jpeg', buffer: tiny });
  await expect(page.locator('form.picture-form [role="alert"]')).toContainText('100×100');
  await expect(page.locator('.picture-offer')).toHaveCount(0);

  const wide = await drawn(page, 400, 300, 'image/png');
  await input.setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: wide });
  const offer = page.locator('.picture-offer');
  await expect(offer).toContainText('JPEG only');
  await expect(offer).toHaveAttribute('data-side', '300');
  await expect(offer.locator('img.picture-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Send picture' }).click();
  await expect(page.locator('form.picture-form [role="alert"]')).toContainText('Crop to a square JPEG');

  await offer.getByRole('button', { name: 'Crop to a square JPEG' }).click();
  await expect(offer.getByRole('status')).toHaveText('The 300×300 px JPEG shown will be sent.');
  await page.getByRole('button', { name: 'Send picture' }).click();
  // "Sent" shows until WhatsApp's outcome arrives; when that is quicker than this check, the
  // form has already been redrawn with the outcome.
  const sent = page.getByRole('status').filter({ hasText: 'Picture sent to WhatsApp' });
  const outcome = page.locator('.settings-outcome li[data-state="done"]');
  await expect(sent.or(outcome).first()).toBeVisible();
  await expect(outcome).toContainText('300×300');
  // WhatsApp took it: the page shows it, as the 300×300 JPEG that was sent.
  const shown = page.getByRole('img', { name: "The group's picture" });
  await expect(shown).toBeVisible();
  await expect
    .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(300);
});

test('the link is checked with WhatsApp, deleted after a warning, nobody can join, and a reset makes a new one', async ({ page }) => {
  const old = await openNewGroup(page, `Unlinked ${Date.now()}`);
  await page.getByRole('button', { name: 'Check with WhatsApp' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'it is current' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete link', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Nobody can join through a link');
  await dialog.getByRole('button', { name: 'Yes, delete the link' }).click();
  await expect(page.getByText('This group has no invite link')).toBeVisible();
  await expect(page.locator('.invite-link-field')).toHaveCount(0);
  expect((await join(page.request, old, phone())).status()).toBe(404);

  await page.getByRole('button', { name: 'Reset link' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, reset the link' }).click();
  await expect(page.locator('.invite-link-field')).toBeVisible();
  const fresh = await page.locator('.invite-link-field').inputValue();
  expect(fresh).not.toBe(old);
  expect((await join(page.request, fresh, phone())).ok()).toBeTruthy();
});

test('who can join changes to approval, and the next person asks to join', async ({ page }) => {
  const link = await openNewGroup(page, `Gated ${Date.now()}`);
  const section = page.locator('section.approval');
  await expect(section.locator('.approval-mode')).toHaveAttribute('data-mode', 'auto_approve');

  await section.getByRole('button', { name: 'Change', exact: true }).click();
  await expect(section.getByRole('alert')).toContainText('already has this setting');

  await section.getByLabel('Who can join with the link').selectOption('approval_required');
  await section.getByRole('button', { name: 'Change', exact: true }).click();
  await expect(section.locator('.approval-mode')).toHaveAttribute('data-mode', 'approval_required');
  await expect(page.locator('.settings-outcome li[data-state="done"]')).toContainText('Only people we approve');

  // Nobody is added directly (SPEC §2.11): the page says people join through the link.
  await expect(page.locator('.no-direct-add')).toContainText('join through the invite link');
  const asker = phone();
  expect((await join(page.request, link, asker)).ok()).toBeTruthy();
  await expect(page.locator('li.join-request', { hasText: asker })).toBeVisible();
  await expect(page.locator('li.participant', { hasText: asker })).toHaveCount(0);
});
