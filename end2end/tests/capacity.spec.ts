// The capacity cockpit on the Numbers page: groups used out of 10,000 per number, and the
// number's facts read from WhatsApp (here the sandbox) on demand.
import { test, expect } from '@playwright/test';
import { signIn } from './auth';
import { waitHydrated } from './groups';

test('an admin sees each number against the 10,000-group cap and checks its facts', async ({ page }) => {
  await signIn(page);
  await page.goto('/numbers');
  const capacity = page.getByRole('region', { name: 'Capacity' });
  await expect(capacity).toBeVisible();
  const card = capacity.locator('article.capacity-card').first();
  await expect(card.locator('.groups-used')).toContainText(/of 10,000 groups/);
  await expect(card.getByRole('meter')).toBeVisible();
  await waitHydrated(page);

  await card.getByRole('button', { name: 'Check with WhatsApp' }).click();
  await expect(card.locator('[data-fact="oba"]')).toHaveText('yes');
  await expect(card.getByText('Throughput')).toBeVisible();
});
