package io.cachet.issuer.ui;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.cachet.core.CachetException;
import io.cachet.issuer.Identity;
import io.cachet.issuer.ProviderDocuments;
import io.cachet.issuer.TokenVerifier;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Signing agents in with the organisation's OpenID provider: the authorization code flow with PKCE (S256), a
 * {@code state} bound to the browser that started it and a {@code nonce} checked in the ID token (signature, issuer,
 * audience, expiry, with the provider's published keys). The agent's identity and roles are those of the access
 * token, verified exactly as the API verifies a bearer token: one rule for both doors.
 */
final class SignIn {
    private static final int HTTP_TIMEOUT_MS = 10_000;

    /** Why a sign-in failed: shown to the agent, never holding a token. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    /** A finished sign-in: who, the ID token (for the sign-out), where to go back to. */
    record Result(Identity identity, String idToken, String returnTo) {}

    private final UiSettings settings;
    private final TokenVerifier tokens;
    private final ProviderEndpoints endpoints;
    private final UiSessions sessions;
    private final IDTokenValidator idTokens;

    SignIn(UiSettings settings, TokenVerifier tokens, UiSessions sessions) {
        this.settings = requireNonNull(settings, "settings is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.endpoints = new ProviderEndpoints(tokens.settings().issuer(), new ProviderDocuments());
        this.idTokens = new IDTokenValidator(
                new Issuer(tokens.settings().issuer().toString()),
                new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), tokens.providerKeys()),
                null);
        this.idTokens.setMaxClockSkew(60);
    }

    /** Where to send the browser {@code browser} (its sign-in cookie) to sign in, coming back to {@code returnTo}. */
    URI start(String browser, String returnTo) {
        State state = new State(UiSessions.randomId());
        Nonce nonce = new Nonce(UiSessions.randomId());
        CodeVerifier verifier = new CodeVerifier();
        sessions.startSignIn(browser, returnTo, state.getValue(), nonce.getValue(), verifier.getValue());
        return new AuthenticationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE),
                        new Scope("openid", "profile"),
                        new ClientID(settings.clientId()),
                        settings.redirectUri())
                .endpointURI(endpoints.get().authorization())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** The provider's answer at {@code /ui/callback}: the code exchanged, the tokens verified. */
    Result finish(String browser, String state, String code, String error) throws Failed {
        UiSessions.PendingSignIn pending = sessions.finishSignIn(state, browser)
                .orElseThrow(() -> new Failed("this sign-in is unknown, already used, more than 10 minutes old or"
                        + " started in another browser"));
        if (error != null) {
            throw new Failed("the OpenID provider refused the sign-in (" + error + ")");
        }
        if (code == null || code.isBlank()) {
            throw new Failed("the OpenID provider sent no authorization code");
        }
        OIDCTokenResponse answer = exchange(code, pending.codeVerifier());
        JWT idToken = answer.getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new Failed("the OpenID provider sent no ID token");
        }
        try {
            idTokens.validate(idToken, new Nonce(pending.nonce()));
        } catch (BadJOSEException | JOSEException e) {
            throw new Failed("the ID token was refused: " + e.getMessage());
        }
        Identity identity;
        try {
            identity = tokens.verify(answer.getOIDCTokens().getAccessToken().getValue());
        } catch (TokenVerifier.Refused e) {
            throw new Failed("the access token was refused: " + e.getMessage()
                    + " (the provider must issue JWT access tokens for the service's audience, as for the API)");
        }
        return new Result(identity, idToken.getParsedString(), pending.returnTo());
    }

    /** Where to send the browser after the session was closed: the provider's sign-out when it has one. */
    URI signOut(String idToken) {
        Optional<URI> endSession;
        try {
            endSession = endpoints.get().endSession();
        } catch (CachetException e) {
            endSession = Optional.empty();
        }
        if (endSession.isEmpty()) {
            return settings.signedOutUri();
        }
        try {
            return new LogoutRequest(
                            endSession.get(), com.nimbusds.jwt.JWTParser.parse(idToken), settings.signedOutUri(), null)
                    .toURI();
        } catch (java.text.ParseException e) {
            return settings.signedOutUri();
        }
    }

    private OIDCTokenResponse exchange(String code, String codeVerifier) throws Failed {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(
                new AuthorizationCode(code), settings.redirectUri(), new CodeVerifier(codeVerifier));
        ClientID client = new ClientID(settings.clientId());
        URI tokenEndpoint = endpoints.get().token();
        TokenRequest request = settings.clientSecret().isPresent()
                ? new TokenRequest(
                        tokenEndpoint,
                        new ClientSecretBasic(
                                client, new Secret(settings.clientSecret().get())),
                        grant)
                : new TokenRequest(tokenEndpoint, client, grant);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(HTTP_TIMEOUT_MS);
        http.setReadTimeout(HTTP_TIMEOUT_MS);
        http.setFollowRedirects(false);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | ParseException e) {
            throw new Failed("the OpenID provider's token endpoint could not be used: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse refused = response.toErrorResponse();
            throw new Failed("the OpenID provider refused the code: "
                    + Optional.ofNullable(refused.getErrorObject())
                            .map(Object::toString)
                            .orElse("no reason given"));
        }
        if (!(response.toSuccessResponse() instanceof OIDCTokenResponse oidc)) {
            throw new Failed("the OpenID provider's answer holds no ID token");
        }
        return oidc;
    }
}
