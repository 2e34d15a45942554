// Invitations by template (issue #6), against the sandbox: staff pick the approved invite
// template, paste numbers with a duplicate and an invalid entry (shown inline), fix the list,
// send, and watch each (masked) number reach "Sent" live.
import { test, expect } from '@playwright/test';
import { openNewGroup } from './groups';

test('staff invite a batch of numbers with the invite template', async ({ page }) => {
  const subject = `Invites ${Date.now()}`;
  const tail = String(Date.now()).slice(-6);

  await openNewGroup(page, subject);

  const panel = page.locator('section.invite-by-template');
  await expect(panel.getByRole('heading', { name: 'Invite by template' })).toBeVisible();
  const picker = panel.getByLabel('Template', { exact: true });
  // Only the Template Library's invite template is offered.
  await expect(picker.locator('option')).toHaveText([
    'Choose a template…',
    'group_invite_link · Utility · en_US',
  ]);
  await picker.selectOption({ label: 'group_invite_link · Utility · en_US' });
  await expect(panel.locator('.template-text')).toContainText('Tap the link to join: {{1}}');

  const numbers = panel.getByLabel('Phone numbers', { exact: true });
  await numbers.fill(`+1 555 01${tail}\n+1 (555) 02${tail}, +1555 01${tail}\n555-1234\n+44 7700 9${tail}`);
  await expect(panel.getByTestId('invite-numbers-summary')).toHaveText('3 ready to send, 1 duplicates removed');
  const invalid = panel.getByTestId('invalid-numbers');
  await expect(invalid).toContainText('555-1234');
  await expect(invalid).toContainText('must start with + and the country code');

  // Not sent while an entry is not a number.
  await panel.getByRole('button', { name: 'Send invitations' }).click();
  await expect(panel.getByRole('alert')).toContainText('fix or remove them first');

  await numbers.fill(`+1 555 01${tail}\n+1 (555) 02${tail}, +1555 01${tail}\n+44 7700 9${tail}`);
  await expect(invalid).toHaveCount(0);
  await panel.getByRole('button', { name: 'Send invitations' }).click();

  const recipients = panel.getByTestId('invite-recipients').locator('li');
  await expect(recipients).toHaveCount(3);
  // Masked like participants: only the last four digits show.
  await expect(recipients.first().locator('.invite-number')).toHaveText(`+••••••••${tail.slice(-4)}`);
  for (const index of [0, 1, 2]) {
    await expect(recipients.nth(index)).toHaveAttribute('data-state', 'sent');
  }
  await expect(panel.getByTestId('invite-summary')).toHaveText('3 sent of 3, 0 failed');
  await expect(numbers).toHaveValue('');
  await expect(panel.getByRole('alert')).toHaveCount(0);
});
