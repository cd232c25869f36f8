package io.cachet.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.registry.ApiAccess;
import io.cachet.core.registry.ApiClient;
import io.cachet.core.registry.ApiClients;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.RecordJson;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryEvent;
import io.cachet.core.report.ReportJson;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/v1/certificates/{id}}: a certificate's record and status history, for registered administrations'
 * systems holding an API key ({@code Authorization: Bearer cachet_…}). Every access by a known client is written to
 * the registry's access log (client, time, id, outcome), never holder data. Served only with a registry; one that
 * cannot be reached (a configuration error) is answered 503 by {@link ErrorAnswers}.
 */
final class CertificatesHandler {
    static final String CHALLENGE = "Bearer realm=\"cachet\"";

    private final Optional<Registry> registry;
    private final Clock clock;
    private final RefusedKeyAudit audit;

    CertificatesHandler(Optional<Registry> registry, Clock clock, RefusedKeyAudit audit) {
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    void get(Context ctx) {
        SecurityHeaders.noStore(ctx);
        Registry source = registry.orElseThrow(() -> new NotFoundResponse(
                "the registry is not available here: certificate records are served only by a verifier with the"
                        + " issuer's registry"));
        ApiClients clients = source.clients();
        Optional<CertificateId> id = parse(ctx.pathParam("id"));
        // The same work and the same answer for an unknown key and a revoked one (ApiClients.authenticate; the
        // revoked key's access-log entry is written by a background thread, off the request's path): nothing
        // tells whether a client exists.
        Optional<ApiClient> authenticated = clients.authenticate(bearer(ctx));
        Instant now = clock.instant();
        if (authenticated.isEmpty() || authenticated.get().revoked()) {
            authenticated.ifPresent(revoked -> audit.revokedKeyUsed(clients, revoked.name(), id, now));
            throw unauthorized(ctx, "a valid API key is required: Authorization: Bearer <key>");
        }
        ApiClient client = authenticated.get();
        if (id.isEmpty()) {
            clients.recordAccess(client.name(), id, now, ApiAccess.Outcome.MALFORMED_ID);
            throw new BadRequestResponse(
                    "this is not a certificate id: expected 17 characters like XXXX-XXXX-XXXX-XXXX-C");
        }
        Optional<CertificateRecord> record = source.find(id.get());
        if (record.isEmpty()) {
            clients.recordAccess(client.name(), id, now, ApiAccess.Outcome.NOT_FOUND);
            throw new NotFoundResponse("no certificate has this id in the registry");
        }
        List<RegistryEvent> history = source.history(id.get());
        clients.recordAccess(client.name(), id, now, ApiAccess.Outcome.GRANTED);
        ctx.contentType("application/json").result(ReportJson.toText(json(record.get(), history, now)));
    }

    static ObjectNode json(CertificateRecord record, List<RegistryEvent> history, Instant now) {
        return RecordJson.of(record, history, now);
    }

    private static Optional<CertificateId> parse(String text) {
        try {
            return Optional.of(CertificateId.parse(text));
        } catch (CachetException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The key of {@code Authorization: Bearer <key>}, or null when there is none. */
    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        return trimmed.substring(space + 1).trim();
    }

    private static UnauthorizedResponse unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", CHALLENGE);
        return new UnauthorizedResponse(detail);
    }
}
