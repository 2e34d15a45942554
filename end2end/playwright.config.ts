// Playwright configuration for GroupDesk's end-to-end tests.
//
// Run with `make e2e` (or `make test`) from the repository root: the Makefile builds the site with
// `cargo leptos build`, makes a fresh `groupdesk_e2e` database and passes its URL in
// E2E_DATABASE_URL. Playwright then starts the debug server binary itself (see `webServer`) in
// sandbox mode on 127.0.0.1:$E2E_PORT (default 3100) and stops it (SIGTERM) when the tests are done.
// The server creates the first platform admin from GROUPDESK_BOOTSTRAP_ADMIN_* (see `admin` in
// tests/auth.ts); it is also admin of the Demo tenant, as in every sandbox install.
//
// A real OpenID Connect provider (npm `oidc-provider`, oidc/server.mjs) runs beside it on
// 127.0.0.1:$E2E_OIDC_PORT (default E2E_PORT + 1000), and GroupDesk's GROUPDESK_OIDC_* point at it;
// its accounts are `oidc.accounts` in tests/auth.ts.
//
// The browser is Debian's /usr/bin/chromium (`apt-get install -y chromium`).
// Never run `npx playwright install`: browser downloads do not work on these machines.
import { defineConfig, devices } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';
import { admin, oidc, oidcIssuer } from './tests/auth';

const repoRoot = path.resolve(__dirname, '..');
const targetDir =
  process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'groupdesk-target');
const serverBin = path.resolve(repoRoot, targetDir, 'debug', 'server');

const port = process.env.E2E_PORT || '3100';
const addr = `127.0.0.1:${port}`;
const baseURL = `http://${addr}`;
const oidcUrl = oidcIssuer();
const oidcPort = new URL(oidcUrl).port;

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) {
  throw new Error(
    'E2E_DATABASE_URL is not set. Run `make e2e` from the repository root, or set it to the URL ' +
      'of a fresh database, e.g. E2E_DATABASE_URL="$(.ci/db fresh groupdesk_e2e)".',
  );
}

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: 'node oidc/server.mjs',
      cwd: __dirname,
      url: `${oidcUrl}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        E2E_OIDC_PORT: oidcPort,
        E2E_GROUPDESK_URL: baseURL,
        E2E_OIDC_CLIENT_ID: oidc.clientId,
        E2E_OIDC_CLIENT_SECRET: oidc.clientSecret,
        E2E_OIDC_ACCOUNTS: JSON.stringify(oidc.accounts),
      },
    },
    {
      command: JSON.stringify(serverBin),
      cwd: repoRoot, // so that target/site is found
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      env: {
        DATABASE_URL: databaseUrl,
        GROUPDESK_SANDBOX: 'true',
        GROUPDESK_ADDR: addr,
        GROUPDESK_PUBLIC_URL: baseURL,
        LEPTOS_SITE_ADDR: addr,
        LEPTOS_SITE_ROOT: 'target/site',
        LEPTOS_SITE_PKG_DIR: 'pkg',
        LEPTOS_OUTPUT_NAME: 'groupdesk',
        SANDBOX_WEBHOOK_DELAY_MS: '300',
        // Chat files go to a throw-away folder, not the repository's .data/.
        MEDIA_STORE: `file://${path.join(os.tmpdir(), `groupdesk-e2e-media-${port}`)}`,
        GROUPDESK_BOOTSTRAP_ADMIN_EMAIL: admin.email,
        GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
        GROUPDESK_OIDC_ISSUER: oidcUrl,
        GROUPDESK_OIDC_CLIENT_ID: oidc.clientId,
        GROUPDESK_OIDC_CLIENT_SECRET: oidc.clientSecret,
        GROUPDESK_OIDC_NAME: oidc.name,
        RUST_LOG: process.env.RUST_LOG || 'info',
      },
    },
  ],
});
