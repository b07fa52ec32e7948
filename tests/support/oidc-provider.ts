// A real OpenID Provider (panva/oidc-provider) for the browser tests: one confidential client, an
// in-memory directory keyed by email, the built-in development login form (login = email, any
// password) and consent granted automatically.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export type OidcUser = { email: string; name: string; emailVerified?: boolean };
export type OidcProviderHandle = { issuer: string; clientId: string; clientSecret: string; stop: () => Promise<void> };

export async function startOidcProvider(options: { redirectUris: string[]; users: OidcUser[]; clientId?: string; clientSecret?: string }): Promise<OidcProviderHandle> {
  const clientId = options.clientId ?? "service-desk";
  const clientSecret = options.clientSecret ?? "e2e-client-secret-0123456789abcdef";
  const users = new Map(options.users.map((u) => [u.email.toLowerCase(), u]));

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // The login form's "login" is the account id: the email.
    async findAccount(_ctx, sub) {
      const user = users.get(sub.toLowerCase());
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub: user.email, email: user.email, email_verified: user.emailVerified ?? true, name: user.name };
        },
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // next-auth reads the profile from the ID token, so put the scope's claims there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["e2e-oidc-cookie-key-0123456789abcdef"] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    pkce: { required: () => true },
    // Consent is the organisation's own: grant the requested scopes without asking.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = false;
  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
