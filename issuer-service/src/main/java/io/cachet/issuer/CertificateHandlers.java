package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.issue.Reissuance;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.SearchQuery;
import io.cachet.core.report.ReportJson;
import io.cachet.core.types.DataJson;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The certificate routes: issue, read, fetch the PDF, search, and the lifecycle changes. Each handler checks the
 * caller's role, turns the request into a core call with the caller as actor, and writes the answer; core's errors
 * are mapped to statuses in one place ({@link IssuerApp}).
 */
final class CertificateHandlers {
    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final CertificateDesk desk;
    private final Clock clock;

    CertificateHandlers(CertificateDesk desk, Clock clock) {
        this.desk = requireNonNull(desk, "desk is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    static String pdfPath(CertificateId id) {
        return "/api/v1/certificates/" + id.value() + "/pdf";
    }

    /** {@code POST /api/v1/certificates} {@code {"type", "data", "lang"?}} → 201 with the new certificate. */
    void issue(Context ctx) throws IOException {
        Identity caller = Access.require(ctx, Role.ISSUE);
        JsonNode body = body(ctx);
        String type = text(body, "type")
                .orElseThrow(() -> new BadRequestResponse(
                        "\"type\" is required: a type id" + " such as visa-validation (GET /api/v1/types lists them)"));
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw new BadRequestResponse("\"data\" is required: the certificate's data as a JSON object");
        }
        String lang = text(body, "lang").orElse("fr");
        if (!LANGUAGES.contains(lang)) {
            throw new BadRequestResponse("\"lang\" must be fr or en, was " + lang);
        }
        CertificateDesk.Outcome outcome =
                desk.issue(caller, type, data, Locale.forLanguageTag(lang), IdempotencyKeys.header(ctx));
        if (outcome instanceof CertificateDesk.Replayed replayed) {
            CertificateRecord record = replayed.record();
            ctx.status(200)
                    .header("Idempotent-Replayed", "true")
                    .header("Location", "/api/v1/certificates/" + record.id().value());
            json(ctx, RecordJson.summary(record, clock.instant()));
        } else {
            created(ctx, ((CertificateDesk.Created) outcome).certificate());
        }
    }

    /** 201 with the new certificate: id, type, seal, dates and where its PDF is. */
    private void created(Context ctx, IssuedCertificate issued) {
        ObjectNode answer = ReportJson.mapper().createObjectNode();
        answer.put("id", issued.id().value());
        answer.put("type", issued.type());
        answer.put("seal", issued.seal());
        answer.put("issuedAt", issued.issuedAt().toString());
        answer.put("expiresAt", issued.expiresAt().map(Instant::toString).orElse(null));
        answer.put("pdf", pdfPath(issued.id()));
        ctx.status(201).header("Location", "/api/v1/certificates/" + issued.id().value());
        json(ctx, answer);
    }

    /**
     * {@code POST /api/v1/certificates/{id}/reissue} {@code {"data", "lang"?}}: a corrected certificate of the same
     * type (201); the earlier one becomes SUPERSEDED. A revoked or already superseded certificate cannot be
     * corrected (409).
     */
    void reissue(Context ctx) throws IOException {
        Identity caller = Access.require(ctx, Role.MANAGE);
        CertificateId id = id(ctx);
        JsonNode body = body(ctx);
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw new BadRequestResponse("\"data\" is required: the corrected data as a JSON object");
        }
        String lang = text(body, "lang").orElse("fr");
        if (!LANGUAGES.contains(lang)) {
            throw new BadRequestResponse("\"lang\" must be fr or en, was " + lang);
        }
        Reissuance.Result result = desk.reissue(caller, id, data, Locale.forLanguageTag(lang));
        created(ctx, result.issued());
    }

    /** {@code GET /api/v1/certificates/{id}}: the record and its history. */
    void get(Context ctx) {
        CertificateRecord record = readable(ctx);
        json(ctx, RecordJson.of(record, desk.history(record.id()), clock.instant()));
    }

    /**
     * {@code GET /api/v1/certificates/{id}/pdf}: the PDF as issued; a stored file that differs from the one the
     * registry recorded is never served.
     */
    void pdf(Context ctx) throws IOException {
        CertificateRecord record = readable(ctx);
        byte[] pdf = desk.pdf(record);
        ctx.header(
                "Content-Disposition", "attachment; filename=\"" + record.id().value() + ".pdf\"");
        ctx.contentType("application/pdf").result(pdf);
    }

    /** {@code GET /api/v1/certificates?name=&birthDate=&type=&office=&limit=}: as {@code cachet search}. */
    void search(Context ctx) {
        Access.require(ctx, Role.READ, Role.MANAGE);
        Optional<String> name = query(ctx, "name");
        Optional<String> birthDate = query(ctx, "birthDate");
        if (name.isEmpty()
                && birthDate.isEmpty()
                && query(ctx, "type").isEmpty()
                && query(ctx, "office").isEmpty()) {
            throw new BadRequestResponse("give at least one of name, birthDate, type, office");
        }
        int limit = query(ctx, "limit").map(CertificateHandlers::limit).orElse(DEFAULT_LIMIT);
        List<CertificateRecord> found = desk.search(
                Access.require(ctx, Role.READ, Role.MANAGE),
                new SearchQuery(
                        name,
                        birthDate,
                        query(ctx, "type"),
                        query(ctx, "office"),
                        Optional.empty(),
                        Optional.empty(),
                        limit));
        ObjectNode answer = ReportJson.mapper().createObjectNode();
        ArrayNode results = answer.putArray("certificates");
        Instant now = clock.instant();
        found.forEach(record -> results.add(RecordJson.summary(record, now)));
        json(ctx, answer);
    }

    /** {@code POST /api/v1/certificates/{id}/suspend|reinstate|revoke} {@code {"reason"}}: 200 with the record. */
    void change(Context ctx, Registry.Change change) throws IOException {
        Identity caller = Access.require(ctx, Role.MANAGE);
        CertificateId id = id(ctx);
        JsonNode body = ctx.body().isBlank() ? ReportJson.mapper().createObjectNode() : body(ctx);
        Optional<String> reason = text(body, "reason").map(String::strip).filter(text -> !text.isEmpty());
        if (reason.isEmpty() && change != Registry.Change.REINSTATE) {
            throw new BadRequestResponse("\"reason\" is required: why the certificate is " + pastTense(change));
        }
        reason.filter(text -> text.length() > 500).ifPresent(text -> {
            throw new BadRequestResponse("\"reason\" is at most 500 characters");
        });
        CertificateRecord record = desk.change(caller, id, change, reason);
        json(ctx, RecordJson.of(record, desk.history(id), clock.instant()));
    }

    /**
     * The record of the path's id, when the caller may read it: {@code cachet.read} and {@code cachet.manage} read
     * every certificate, {@code cachet.issue} only those it issued.
     */
    private CertificateRecord readable(Context ctx) {
        Identity caller = Access.require(ctx, Role.READ, Role.MANAGE, Role.ISSUE);
        return desk.readable(caller, id(ctx));
    }

    private static CertificateId id(Context ctx) {
        String text = ctx.pathParam("id");
        if (!CertificateId.isWellFormed(text)) {
            throw new BadRequestResponse(
                    "this is not a certificate id: expected 17 characters like" + " XXXX-XXXX-XXXX-XXXX-C");
        }
        return new CertificateId(text);
    }

    private static JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = DataJson.parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8), "the request body");
        } catch (CachetException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestResponse("the request body must be a JSON object");
        }
        return body;
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new BadRequestResponse("\"" + field + "\" must be a text");
        }
        return Optional.of(value.asText());
    }

    private static Optional<String> query(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse("limit must be a whole number from 1 to " + MAX_LIMIT + ", was " + text);
    }

    private static String pastTense(Registry.Change change) {
        return switch (change) {
            case SUSPEND -> "suspended";
            case REVOKE -> "revoked";
            case REINSTATE -> "reinstated";
        };
    }

    private static void json(Context ctx, ObjectNode node) {
        ctx.contentType("application/json").result(ReportJson.toText(node));
    }
}
