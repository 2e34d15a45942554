// Group helpers shared by the group specs: wait for the live stream, create a group and open its
// page, and let the sandbox play a WhatsApp user who opens an invite link.
import { expect, Page, APIRequestContext } from '@playwright/test';
import { signIn } from './auth';

export async function waitLive(page: Page) {
  await expect(page.locator('[data-live]').first()).toHaveAttribute('data-live', 'on');
}

/** Waits until the browser has hydrated the page, so that its forms act in place. */
export async function waitHydrated(page: Page) {
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

let serial = 0;
/** A phone number no other test uses. */
export function phone(): string {
  serial += 1;
  return `1556${String(Date.now()).slice(-5)}${String(serial).padStart(2, '0')}`;
}

/** Signs in, creates a group on the Groups page and opens its page once it is active; its link. */
export async function openNewGroup(page: Page, subject: string, mode = 'auto_approve'): Promise<string> {
  await signIn(page);
  return createAndOpenGroup(page, subject, mode);
}

/** On the Groups page, creates a group and opens its page once it is active; its link. */
export async function createAndOpenGroup(page: Page, subject: string, mode = 'auto_approve'): Promise<string> {
  await waitLive(page);
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Who can join with the link').selectOption(mode);
  await page.getByRole('button', { name: 'Create group' }).click();
  const row = page.locator('tr.group', { hasText: subject });
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'active');
  await row.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await waitLive(page);
  return await page.locator('.invite-link-field').inputValue();
}

/** From a group's page, opens its Chat tab and waits for the chat and the live stream. */
export async function openChat(page: Page) {
  await page.locator('nav.group-tabs').getByRole('link', { name: 'Chat' }).click();
  await expect(page).toHaveURL(/\/groups\/[^/]+\/chat$/);
  await expect(page.locator('section.chat')).toBeVisible();
  await expect(page.locator('nav.group-tabs a[aria-current="page"]')).toHaveText('Chat');
  await waitLive(page);
}

/** A WhatsApp user opens the link (the sandbox's control API plays the user). */
export async function join(request: APIRequestContext, link: string, wa_id: string) {
  return request.post('/sandbox/control/join', {
    data: { invite_link: link, user: { wa_id, name: `User ${wa_id.slice(-4)}` } },
  });
}
