package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.batch.BatchInput;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.report.ReportJson;
import io.cachet.core.types.TypeCatalog;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnprocessableContentResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The batch routes: {@code POST /api/v1/batches?type=TYPE} takes a CSV or JSON Lines file as {@code cachet batch}
 * reads it and answers 202 at once; {@code GET /api/v1/batches/{id}} tells how far it went. The work is {@link
 * BatchRunner}'s, the bookkeeping {@link BatchStore}'s.
 */
final class BatchHandlers {
    /** The largest batch input: about 10,000 rows of a few hundred bytes each. */
    static final int MAX_INPUT_BYTES = 10 * 1024 * 1024;

    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final Set<String> JSON_LINES_TYPES =
            Set.of("application/jsonl", "application/x-ndjson", "application/x-jsonlines", "application/json");

    private final TypeCatalog catalog;
    private final BatchStore store;
    private final BatchRunner runner;

    BatchHandlers(TypeCatalog catalog, BatchStore store, BatchRunner runner) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.store = requireNonNull(store, "store is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    /** {@code POST /api/v1/batches?type=TYPE[&skipInvalid=true][&lang=en]} → 202 {@code {"id", "status"}}. */
    void start(Context ctx) throws IOException {
        Identity caller = Access.require(ctx, Role.ISSUE);
        String type = Optional.ofNullable(ctx.queryParam("type"))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> new BadRequestResponse(
                        "the query parameter type is required: a type id such as visa-validation"));
        catalog.get(type); // an unknown type is a USAGE error: 400 naming the known ones
        boolean skipInvalid = flag(ctx, "skipInvalid");
        String lang = Optional.ofNullable(ctx.queryParam("lang")).orElse("fr");
        if (!LANGUAGES.contains(lang)) {
            throw new BadRequestResponse("lang must be fr or en, was " + lang);
        }
        byte[] input = body(ctx);
        String inputName = "input." + format(ctx.contentType(), input);
        BatchRecord batch =
                BatchRecord.accepted(UUID.randomUUID().toString(), type, inputName, skipInvalid, lang, caller);
        store.create(batch, input);
        try {
            // Read (not yet validated) at once: a file that cannot be read as CSV or JSON Lines is refused here.
            BatchInput.read(store.input(batch));
        } catch (CachetException e) {
            store.discard(batch);
            // Core names the file it read: the caller knows it as the request body, not as a path of this server.
            throw new UnprocessableContentResponse("the body cannot be read as " + inputName.substring(6) + ": "
                    + e.getMessage().replace(store.input(batch).toString(), "the request body"));
        }
        runner.submit(batch);
        ObjectNode answer = ReportJson.mapper().createObjectNode();
        answer.put("id", batch.id());
        answer.put("status", statusPath(batch.id()));
        ctx.status(202).header("Location", statusPath(batch.id()));
        json(ctx, answer);
    }

    /** {@code GET /api/v1/batches/{id}}: the state, the counts, the problems by row, the certificates issued. */
    void status(Context ctx) {
        Identity caller = Access.require(ctx, Role.ISSUE, Role.MANAGE, Role.READ);
        String id = ctx.pathParam("id");
        BatchRecord batch = store.find(id).orElseThrow(() -> new NotFoundResponse("no batch has the id " + id));
        if (!caller.has(Role.MANAGE)
                && !caller.has(Role.READ)
                && !batch.subject().equals(caller.subject())) {
            throw new ForbiddenResponse(
                    "with the role cachet.issue only, a caller reads the batches it started; this one it did not");
        }
        ObjectNode answer = ReportJson.mapper().createObjectNode();
        answer.put("id", batch.id());
        answer.put("type", batch.type());
        answer.put("state", batch.state().name());
        if (!batch.detail().isEmpty()) {
            answer.put("detail", batch.detail());
        }
        answer.put("total", batch.total());
        answer.put("issued", batch.issued());
        answer.put("invalid", batch.invalid());
        answer.put("failed", batch.failed());
        ArrayNode problems = answer.putArray("problems");
        batch.problems()
                .forEach(problem -> problems.addObject()
                        .put("row", problem.line())
                        .put("field", problem.field())
                        .put("problem", problem.problem()));
        ArrayNode certificates = answer.putArray("certificates");
        batch.certificates()
                .forEach(certificate -> certificates
                        .addObject()
                        .put("row", certificate.row())
                        .put("id", certificate.id())
                        .put("pdf", CertificateHandlers.pdfPath(new CertificateId(certificate.id()))));
        json(ctx, answer);
    }

    static String statusPath(String id) {
        return "/api/v1/batches/" + id;
    }

    /** The body, at most {@link #MAX_INPUT_BYTES}: read here, past the service's small limit for JSON requests. */
    private static byte[] body(Context ctx) throws IOException {
        long declared = ctx.contentLength();
        if (declared > MAX_INPUT_BYTES) {
            throw tooLarge();
        }
        byte[] input;
        try (InputStream stream = ctx.req().getInputStream()) {
            input = stream.readNBytes(MAX_INPUT_BYTES + 1);
        }
        if (input.length > MAX_INPUT_BYTES) {
            throw tooLarge();
        }
        if (input.length == 0) {
            throw new BadRequestResponse("the request body must be the batch: a CSV file or JSON Lines");
        }
        return input;
    }

    /**
     * {@code csv} or {@code jsonl}: by the Content-Type when it names one, else by the first character (a JSON line
     * opens with {@code {}). Text only: a body with a NUL byte is a binary file, neither.
     */
    static String format(String contentType, byte[] input) {
        for (byte b : input) {
            if (b == 0) {
                throw new UnprocessableContentResponse(
                        "the body is neither CSV nor JSON Lines text (it holds binary data)");
            }
        }
        String media =
                contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (media.equals("text/csv")) {
            return "csv";
        }
        if (JSON_LINES_TYPES.contains(media)) {
            return "jsonl";
        }
        int start = input.length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB ? 3 : 0;
        for (int i = start; i < input.length; i++) {
            if (!Character.isWhitespace(input[i])) {
                return input[i] == '{' ? "jsonl" : "csv";
            }
        }
        throw new BadRequestResponse("the request body must be the batch: a CSV file or JSON Lines");
    }

    private static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new BadRequestResponse(name + " must be true or false, was " + value);
    }

    private static HttpResponseException tooLarge() {
        return new HttpResponseException(
                413, "a batch is at most " + MAX_INPUT_BYTES / (1024 * 1024) + " MB; split it", Map.of());
    }

    private static void json(Context ctx, ObjectNode node) {
        ctx.contentType("application/json").result(ReportJson.toText(node));
    }
}
