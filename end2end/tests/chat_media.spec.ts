// Files in the group chat, against the sandbox: a wrong type and a too-large file are refused in
// the browser before any upload; an image shows its upload's progress, then its thumbnail; a
// simulated user's image is downloaded and appears live.
import { test, expect } from '@playwright/test';
import * as zlib from 'node:zlib';
import { signIn } from './auth';
import { openChat, waitLive } from './groups';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// A real PNG of `size`×`size` pixels in one colour, written at test time.
function png(size: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(size).fill(rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array(size).fill(row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('files: refused before upload when wrong, progress then thumbnail, and a user image live', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const staff = await context.newPage();
  const subject = `Media ${Date.now()}`;
  const phone = `1557${String(Date.now()).slice(-7)}`;
  const uploads: string[] = [];
  staff.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/media') uploads.push(request.method());
  });

  await signIn(staff);
  await waitLive(staff);
  await staff.getByLabel('Subject').fill(subject);
  await staff.getByRole('button', { name: 'Create group' }).click();
  const row = staff.locator('tr.group', { hasText: subject });
  await expect(row.locator('[data-state]')).toHaveAttribute('data-state', 'active');

  const user = await context.newPage();
  await user.goto('/sandbox');
  await waitLive(user);
  const card = user.locator('section.sim-group', { hasText: subject });
  await card.getByLabel('Phone number').fill(phone);
  await card.getByLabel('Name').fill('Cleo');
  await card.getByRole('button', { name: 'Open link' }).click();

  await row.getByRole('link', { name: subject }).click();
  await expect(staff.getByRole('heading', { name: subject })).toBeVisible();
  await waitLive(staff);
  await expect(staff.locator('.participants .count')).toHaveText('1/8');
  await openChat(staff);
  const chat = staff.locator('section.chat');
  const picker = chat.getByLabel('Attach a file');

  // A wrong type is refused as soon as it is picked, naming the allowed types.
  await picker.setInputFiles({ name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<p>hi</p>') });
  await expect(chat.getByRole('alert')).toContainText('Wrong type of file (text/html)');
  await expect(chat.getByRole('alert')).toContainText('images (JPEG, PNG)');
  // So is a file over its kind's limit, with the limit.
  const big = Buffer.concat([png(4, [0, 0, 0]), Buffer.alloc(5 * 1024 * 1024)]);
  await picker.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: big });
  await expect(chat.getByRole('alert')).toContainText('too large');
  await expect(chat.getByRole('alert')).toContainText('up to 5 MB');
  // Sharing without a (valid) file says so, still without uploading.
  await chat.getByRole('button', { name: 'Share file' }).click();
  await expect(chat.getByRole('alert')).toContainText('Choose a file first');
  expect(uploads).toEqual([]);

  // A good image: the upload shows its progress (held back here, so it can be seen), then the
  // message shows the thumbnail.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await staff.route('**/api/media', async (route) => {
    await held;
    await route.continue();
  });
  await chat.getByLabel('Caption (optional)').fill('Our new logo');
  await picker.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(32, [200, 30, 30]) });
  await expect(chat.getByRole('alert')).toHaveCount(0);
  await chat.getByRole('button', { name: 'Share file' }).click();
  const progress = chat.getByRole('progressbar', { name: 'Upload progress' });
  await expect(progress).toBeVisible();
  await expect(chat.getByRole('button', { name: 'Share file' })).toBeDisabled();
  release();
  await expect(progress).toHaveCount(0);
  expect(uploads).toEqual(['POST']);
  const mine = chat.locator('li.message.outbound', { has: staff.getByRole('img', { name: 'Our new logo' }) });
  await expect(mine).toBeVisible();
  // A message is redrawn while its receipts progress: look at the picture once they settled.
  await expect(mine.locator('.delivery')).toContainText('Read by 1 of 1');
  const thumb = mine.getByRole('img', { name: 'Our new logo' });
  await thumb.scrollIntoViewIfNeeded();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(32);
  await expect(chat.getByLabel('Caption (optional)')).toHaveValue('');

  // The user replies with a photo: it is downloaded from WhatsApp and appears live.
  await user.reload();
  const after = user.locator('section.sim-group', { hasText: subject });
  await after.getByLabel('Type').selectOption('image');
  await after.getByLabel('Message').fill('Sunset from the beach');
  await after.getByRole('button', { name: 'Post' }).click();
  const theirs = chat.locator('li.message.inbound', { hasText: 'Sunset from the beach' });
  await expect(theirs).toBeVisible();
  await expect(theirs.locator('.sender')).toHaveText('Cleo');
  const photo = theirs.getByRole('img', { name: 'Sunset from the beach' });
  await expect(photo).toBeVisible();
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
  await context.close();
});
