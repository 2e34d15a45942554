// Reading a group chat, against the sandbox: WhatsApp formatting (previewed while typing and
// shown in the history), an unsupported inbound type as a placeholder, older messages loaded by
// scrolling up, and search within the group's messages.
import { test, expect, APIRequestContext } from '@playwright/test';
import { signIn } from './auth';
import { openChat, waitLive } from './groups';

// The sandbox's ID and invite link of the group with this subject.
async function sandboxGroup(request: APIRequestContext, subject: string) {
  const response = await request.get('/sandbox/control/groups');
  expect(response.ok()).toBeTruthy();
  const { groups } = await response.json();
  const group = groups.find((g: { subject: string }) => g.subject === subject);
  expect(group).toBeTruthy();
  return group as { group_id: string; invite_link: string };
}

test('formatting is previewed and shown, unsupported types are a placeholder, older messages load on scroll, and search finds messages', async ({ page }) => {
  const subject = `Reading ${Date.now()}`;
  const user = { wa_id: `1557${String(Date.now()).slice(-7)}`, name: 'Cleo' };

  await signIn(page);
  await waitLive(page);
  await page.getByLabel('Subject').fill(subject);
  await page.getByRole('button', { name: 'Create group' }).click();
  const row = page.locator('tr.group', { hasText: subject });
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'active');

  const group = await sandboxGroup(page.request, subject);
  const joined = await page.request.post('/sandbox/control/join', {
    data: { invite_link: group.invite_link, user },
  });
  expect(joined.ok()).toBeTruthy();
  // 60 older messages, more than one page (50), then an unsupported one.
  for (let n = 1; n <= 60; n++) {
    const posted = await page.request.post(`/sandbox/control/groups/${group.group_id}/messages`, {
      data: { user, type: 'text', text: `Older note ${n}` },
    });
    expect(posted.ok()).toBeTruthy();
  }
  const poll = await page.request.post(`/sandbox/control/groups/${group.group_id}/messages`, {
    data: { user, type: 'poll' },
  });
  expect(poll.ok()).toBeTruthy();

  await row.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await waitLive(page);
  await openChat(page);
  const chat = page.locator('section.chat');

  // The unsupported type is a clear placeholder, not an empty bubble.
  const placeholder = chat.locator('li.message.inbound .body.placeholder');
  await expect(placeholder).toContainText('not supported in WhatsApp groups');

  // Only the newest page shows; scrolling to the top loads the older ones.
  const note = (n: number) => chat.locator('li.message .body', { hasText: new RegExp(`^Older note ${n}$`) });
  await expect(note(60)).toBeVisible();
  await expect(note(1)).toHaveCount(0);
  const history = chat.locator('.chat-history');
  await history.evaluate((el) => { el.scrollTop = -el.scrollHeight; });
  await expect(note(1)).toHaveCount(1);
  await expect(chat.locator('button.load-older')).toHaveCount(0);

  // Formatting is previewed while typing, and shown in the history once sent.
  const box = chat.getByLabel('Message');
  await box.fill('Hello *team*, see _notes_ and ~old~ `v2`');
  const preview = chat.locator('.format-preview');
  await expect(preview.locator('strong')).toHaveText('team');
  await expect(preview.locator('em')).toHaveText('notes');
  await expect(preview.locator('s')).toHaveText('old');
  await expect(preview.locator('code')).toHaveText('v2');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(box).toHaveValue('');
  await expect(preview).toHaveCount(0);
  const mine = chat.locator('li.message.outbound', { hasText: 'Hello' });
  await expect(mine.locator('.body strong')).toHaveText('team');
  await expect(mine.locator('.body em')).toHaveText('notes');

  // Search: too short is refused with a reason; a word finds its messages, marked.
  const search = chat.getByRole('search');
  await search.getByRole('searchbox').fill('x');
  await search.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(chat.getByRole('alert')).toContainText('at least 2 characters');
  await search.getByRole('searchbox').fill('note 42');
  await search.getByRole('button', { name: 'Search', exact: true }).click();
  const results = chat.getByRole('region', { name: 'Search results' });
  await expect(results.locator('li.search-match')).toHaveCount(1);
  await expect(results.locator('mark')).toHaveText('note 42');
  await search.getByRole('searchbox').fill('older NOTE 1');
  await search.getByRole('button', { name: 'Search', exact: true }).click();
  // "Older note 1", "Older note 10" … "Older note 19": eleven, any case.
  await expect(results.locator('li.search-match')).toHaveCount(11);
  await expect(results.locator('li.search-match', { hasText: 'Older note 19' })).toHaveCount(1);
  await expect(results.locator('mark').first()).toHaveText('Older note 1');
  await search.getByRole('searchbox').fill('nothing like this');
  await search.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(results.getByRole('status')).toContainText('No message contains');
  await search.getByRole('button', { name: 'Clear search' }).click();
  await expect(results).toHaveCount(0);
});
