package io.cachet.issuer.ui;

import static java.util.Objects.requireNonNull;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.cachet.core.CachetException;
import io.cachet.issuer.ProviderDocuments;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * The provider's endpoints the sign-in needs, from its discovery document ({@code /.well-known/openid-configuration},
 * whose issuer must be the configured one). Read when first needed and kept; a failure is tried again next time.
 */
final class ProviderEndpoints {
    /** Where the browser signs in, where the code is exchanged, where the browser signs out (when the provider says). */
    record Endpoints(URI authorization, URI token, Optional<URI> endSession) {}

    private final URI issuer;
    private final ProviderDocuments documents;
    private volatile Endpoints endpoints;

    ProviderEndpoints(URI issuer, ProviderDocuments documents) {
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.documents = requireNonNull(documents, "documents is null");
    }

    /** @throws CachetException (busy) when the provider cannot be reached or describes another issuer */
    Endpoints get() {
        Endpoints known = endpoints;
        if (known != null) {
            return known;
        }
        String base = issuer.toString().endsWith("/")
                ? issuer.toString().substring(0, issuer.toString().length() - 1)
                : issuer.toString();
        URI location = URI.create(base + "/.well-known/openid-configuration");
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(documents.get(location));
            if (!metadata.getIssuer().getValue().equals(issuer.toString())) {
                throw CachetException.busy("the OpenID provider's discovery document names the issuer '"
                        + metadata.getIssuer() + "', not the configured '" + issuer + "'");
            }
            if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null) {
                throw CachetException.busy(
                        "the OpenID provider's discovery document names no authorization or" + " token endpoint");
            }
            known = new Endpoints(
                    metadata.getAuthorizationEndpointURI(),
                    metadata.getTokenEndpointURI(),
                    Optional.ofNullable(metadata.getEndSessionEndpointURI()));
        } catch (IOException | ParseException e) {
            throw CachetException.busy(
                    "the OpenID provider cannot be reached to sign in (" + e.getMessage() + "): try again in a moment");
        }
        endpoints = known;
        return known;
    }
}
