// A real OpenID provider for the issuing service's tests: panva's OpenID Certified `oidc-provider` package, run with
// node. Started by NodeOpenIdProvider (test sources) with a JSON configuration file:
//   { "audience": "urn:…", "accessTokenSeconds": 300,
//     "clients": [{ "id", "secret", "roles": [...], "alg": "ES256"|"RS256" }],
//     "users": [{ "login", "name", "roles": [...] }], "redirectUris": ["http://127.0.0.1:…/…"] }
// It listens on 127.0.0.1 on a free port and prints one line `READY <issuer URL>` once it serves.
// Access tokens are RFC 9068 JWTs for the configured audience (resource indicator), with the roles in `roles`.
import http from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const rolesOfClient = new Map(config.clients.map((c) => [c.id, c.roles]));
const algOfClient = new Map(config.clients.map((c) => [c.id, c.alg || 'ES256']));
const users = new Map((config.users || []).map((u) => [u.login, u]));

function signingKey(type, options, alg) {
  const jwk = generateKeyPairSync(type, options).privateKey.export({ format: 'jwk' });
  return { ...jwk, alg, use: 'sig', kid: `${alg.toLowerCase()}-${randomUUID()}` };
}

const configuration = {
  jwks: {
    keys: [
      signingKey('ec', { namedCurve: 'P-256' }, 'ES256'),
      signingKey('rsa', { modulusLength: 2048 }, 'RS256'),
    ],
  },
  clients: [
    ...config.clients.map((c) => ({
      client_id: c.id,
      client_secret: c.secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    ...(config.redirectUris ? [{
      client_id: config.uiClientId || 'cachet-issuer-ui',
      client_secret: config.uiClientSecret || 'ui-secret',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: config.redirectUris,
      post_logout_redirect_uris: config.postLogoutRedirectUris || [],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    }] : []),
  ],
  pkce: { required: () => true },
  cookies: { keys: [randomUUID(), randomUUID()] },
  // The issuing pages are a first-party client: no consent screen, the grant is made at sign-in.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile roles');
    grant.addResourceScope(config.audience, 'openid profile roles');
    await grant.save();
    return grant;
  },
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => config.audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource, client) => {
        if (resource !== config.audience) {
          throw new errors.InvalidTarget(`unknown resource ${resource}`);
        }
        return {
          scope: 'openid profile roles',
          audience: config.audience,
          accessTokenTTL: config.accessTokenSeconds || 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: algOfClient.get(client.clientId) || 'ES256' } },
        };
      },
    },
  },
  scopes: ['openid', 'profile', 'roles'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], roles: ['roles'] },
  extraTokenClaims: (ctx, token) => {
    if (token.accountId && users.has(token.accountId)) {
      const user = users.get(token.accountId);
      return { roles: user.roles, name: user.name, preferred_username: user.login };
    }
    if (!token.accountId && rolesOfClient.has(token.clientId)) {
      return { roles: rolesOfClient.get(token.clientId) };
    }
    return undefined;
  },
  findAccount: (ctx, id) => {
    const user = users.get(id);
    if (!user) {
      return undefined;
    }
    return {
      accountId: id,
      claims: () => ({ sub: id, name: user.name, preferred_username: user.login, roles: user.roles }),
    };
  },
  ttl: { AccessToken: config.accessTokenSeconds || 300, ClientCredentials: config.accessTokenSeconds || 300 },
};

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());
  process.stdout.write(`READY ${issuer}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
