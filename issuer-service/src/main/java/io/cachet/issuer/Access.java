package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who may call: every {@code /api/} request carries {@code Authorization: Bearer <token>} from the organisation's
 * OpenID provider, verified by {@link TokenVerifier}. A missing or bad token is 401 with {@code WWW-Authenticate:
 * Bearer} (RFC 6750 §3), a missing role 403, a provider whose keys cannot be read 503; a caller over its rate
 * ({@link SubjectRateLimit}) 429.
 */
final class Access {
    static final String REALM = "cachet-issuer";
    private static final String IDENTITY = "cachet.identity";

    private final TokenVerifier tokens;
    private final SubjectRateLimit rateLimit;

    Access(TokenVerifier tokens, SubjectRateLimit rateLimit) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.rateLimit = requireNonNull(rateLimit, "rateLimit is null");
    }

    /** The before-handler of {@code /api/*}: authenticates the caller and keeps its identity for the handlers. */
    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
            throw new UnauthorizedResponse(
                    "a token of the organisation's OpenID provider is required:" + " Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            challenge(ctx, "invalid_request", "the Authorization header must be: Bearer <token>");
        }
        try {
            Identity caller = tokens.verify(header.substring(7).strip());
            rateLimit.check(ctx, caller);
            ctx.attribute(IDENTITY, caller);
        } catch (TokenVerifier.Refused refused) {
            if (refused.providerUnavailable()) {
                throw new HttpResponseException(
                        503, "tokens cannot be checked now: " + refused.getMessage() + " (try again later)", Map.of());
            }
            challenge(ctx, "invalid_token", refused.getMessage());
        }
    }

    /**
     * The caller, when it holds one of {@code roles}.
     *
     * @throws ForbiddenResponse naming the roles that would do
     */
    static Identity require(Context ctx, Role... roles) {
        Identity identity = ctx.attribute(IDENTITY);
        if (identity == null) {
            throw new IllegalStateException("no identity: the route is not behind authenticate()");
        }
        if (Arrays.stream(roles).noneMatch(identity::has)) {
            throw new ForbiddenResponse("this needs the role "
                    + Arrays.stream(roles).map(Role::claimValue).collect(Collectors.joining(" or "))
                    + " at the OpenID provider");
        }
        return identity;
    }

    private static void challenge(Context ctx, String error, String description) {
        // The description is shown to the client; quotes and control characters would break the header.
        String safe = description.replaceAll("[\\p{Cntrl}\"\\\\]", " ");
        ctx.header(
                "WWW-Authenticate",
                "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"" + safe + "\"");
        throw new UnauthorizedResponse(description);
    }
}
