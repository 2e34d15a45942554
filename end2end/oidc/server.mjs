// A real OpenID Connect provider for the browser tests: the npm package `oidc-provider`, with its
// development login pages (any password; the login name picks the account). Playwright starts it
// as a second webServer (playwright.config.ts) on 127.0.0.1:$E2E_OIDC_PORT and points GroupDesk's
// GROUPDESK_OIDC_* at it. Everything it needs comes from the environment:
//   E2E_OIDC_PORT           where to listen
//   E2E_GROUPDESK_URL       GroupDesk's public URL (its callback is registered)
//   E2E_OIDC_CLIENT_ID, E2E_OIDC_CLIENT_SECRET   GroupDesk's client here
//   E2E_OIDC_ACCOUNTS       JSON {login: {email, name}}: the people who can sign in
// Nothing here is a real secret: the provider and its keys live only as long as the test run.
import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; playwright.config.ts sets it when it starts this server`);
  }
  return value;
}

const port = Number(required('E2E_OIDC_PORT'));
const groupdesk = required('E2E_GROUPDESK_URL');
const accounts = JSON.parse(required('E2E_OIDC_ACCOUNTS'));
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: required('E2E_OIDC_CLIENT_ID'),
      client_secret: required('E2E_OIDC_CLIENT_SECRET'),
      redirect_uris: [`${groupdesk}/auth/oidc/callback`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['groupdesk-e2e-provider-cookie-key'] },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: account.email, email_verified: true, name: account.name };
      },
    };
  },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`OpenID provider for the e2e tests at ${issuer}`);
});
