package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.issue.IssueOptions;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.issue.Reissuance;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.EventKind;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.SearchQuery;
import io.cachet.core.report.ReportJson;
import io.cachet.core.types.DataJson;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private final IssuanceService issuance;
    private final Reissuance reissuance;
    private final Registry registry;
    private final Path issuedFolder;
    private final Clock clock;

    CertificateHandlers(IssuanceService issuance, Registry registry, Path issuedFolder, Clock clock) {
        this.issuance = requireNonNull(issuance, "issuance is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.reissuance = new Reissuance(issuance, registry);
        this.issuedFolder = requireNonNull(issuedFolder, "issuedFolder is null");
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
        Optional<String> clientKey = IdempotencyKeys.header(ctx);
        Optional<String> key = clientKey.map(value -> IdempotencyKeys.scoped(caller, value));
        Optional<String> requestSha256 = key.map(any -> IdempotencyKeys.requestSha256(type, lang, data));
        if (key.isPresent()) {
            Optional<Registry.IdempotentIssue> earlier = registry.findIdempotentIssue(key.get());
            if (earlier.isPresent()) {
                replay(ctx, earlier.get(), requestSha256.get());
                return;
            }
        }
        Files.createDirectories(issuedFolder);
        IssuedCertificate issued;
        try {
            issued = issuance.issue(
                    type,
                    data,
                    id -> issuedFolder.resolve(id.value() + ".pdf"),
                    Locale.forLanguageTag(lang),
                    new IssueOptions(caller.actor(), key, Optional.empty(), requestSha256));
        } catch (CachetException e) {
            // Two requests with one key at the same moment: the registry took the first; answer as a repeat.
            Optional<Registry.IdempotentIssue> first = e.kind() == CachetException.Kind.CONFLICT && key.isPresent()
                    ? registry.findIdempotentIssue(key.get())
                    : Optional.empty();
            if (first.isEmpty()) {
                throw e;
            }
            replay(ctx, first.get(), requestSha256.get());
            return;
        }
        created(ctx, issued);
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
        Files.createDirectories(issuedFolder);
        Reissuance.Result result = reissuance.reissue(new Reissuance.Request(
                id,
                data,
                next -> issuedFolder.resolve(next.value() + ".pdf"),
                Locale.forLanguageTag(lang),
                caller.actor()));
        created(ctx, result.issued());
    }

    /**
     * A request repeated with its {@code Idempotency-Key}: the same request gets the certificate it issued (200, the
     * record, {@code Idempotent-Replayed: true}); another request with the same key is refused (409).
     */
    private void replay(Context ctx, Registry.IdempotentIssue earlier, String requestSha256) {
        CertificateRecord record = earlier.record();
        if (!earlier.requestSha256().equals(Optional.of(requestSha256))) {
            throw CachetException.conflict("this Idempotency-Key was already used for another request (certificate "
                    + record.id() + "): use a new key for a new request");
        }
        if (record.status() == io.cachet.core.registry.CertificateStatus.PENDING) {
            throw CachetException.conflict("the certificate " + record.id() + " asked for with this Idempotency-Key is"
                    + " still being issued: repeat the request in a moment");
        }
        ctx.status(200)
                .header("Idempotent-Replayed", "true")
                .header("Location", "/api/v1/certificates/" + record.id().value());
        json(ctx, RecordJson.summary(record, clock.instant()));
    }

    /** {@code GET /api/v1/certificates/{id}}: the record and its history. */
    void get(Context ctx) {
        CertificateRecord record = readable(ctx);
        json(ctx, RecordJson.of(record, registry.history(record.id()), clock.instant()));
    }

    /**
     * {@code GET /api/v1/certificates/{id}/pdf}: the PDF as issued; a stored file that differs from the one the
     * registry recorded is never served.
     */
    void pdf(Context ctx) throws IOException {
        CertificateRecord record = readable(ctx);
        byte[] pdf;
        try {
            pdf = Files.readAllBytes(record.file());
        } catch (java.nio.file.NoSuchFileException e) {
            throw CachetException.notFound("the PDF of certificate " + record.id() + " is not stored on this instance"
                    + " (it was written to " + record.file().getFileName() + " in the issued folder of the instance"
                    + " that issued it; several instances share one issued folder: docs/issuer-service.md)");
        }
        if (!Sha256.hex(pdf).equals(record.pdfSha256())) {
            throw CachetException.internal(
                    "the stored PDF of certificate " + record.id() + " differs from the one issued: not served", null);
        }
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
        List<CertificateRecord> found = registry.search(new SearchQuery(
                name, birthDate, query(ctx, "type"), query(ctx, "office"), Optional.empty(), Optional.empty(), limit));
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
        CertificateRecord record = registry.change(id, change, caller.actor(), reason, clock.instant());
        json(ctx, RecordJson.of(record, registry.history(id), clock.instant()));
    }

    /**
     * The record of the path's id, when the caller may read it: {@code cachet.read} and {@code cachet.manage} read
     * every certificate, {@code cachet.issue} only those it issued.
     */
    private CertificateRecord readable(Context ctx) {
        Identity caller = Access.require(ctx, Role.READ, Role.MANAGE, Role.ISSUE);
        CertificateId id = id(ctx);
        CertificateRecord record =
                registry.find(id).orElseThrow(() -> new NotFoundResponse("no certificate has the id " + id.value()));
        if (!caller.has(Role.READ) && !caller.has(Role.MANAGE) && !issuedBy(record, caller)) {
            throw new ForbiddenResponse(
                    "with the role cachet.issue only, a caller reads the certificates it issued; this one it did not");
        }
        return record;
    }

    private boolean issuedBy(CertificateRecord record, Identity caller) {
        String subject = "oidc:" + caller.subject();
        return registry.history(record.id()).stream()
                .filter(event -> event.kind() == EventKind.ISSUED)
                .anyMatch(
                        event -> event.actor().equals(subject) || event.actor().startsWith(subject + " ("));
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
