package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.report.ReportJson;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The batch routes: {@code POST /api/v1/batches?type=TYPE} takes a CSV or JSON Lines file as {@code cachet batch}
 * reads it and answers 202 at once; {@code GET /api/v1/batches/{id}} tells how far it went. The work is {@link
 * BatchRunner}'s, the bookkeeping {@link BatchStore}'s.
 */
final class BatchHandlers {
    /** The largest batch input: about 10,000 rows of a few hundred bytes each. */
    static final int MAX_INPUT_BYTES = BatchDesk.MAX_INPUT_BYTES;

    private final BatchDesk desk;

    BatchHandlers(BatchDesk desk) {
        this.desk = requireNonNull(desk, "desk is null");
    }

    /** {@code POST /api/v1/batches?type=TYPE[&skipInvalid=true][&lang=en]} → 202 {@code {"id", "status"}}. */
    void start(Context ctx) throws IOException {
        Identity caller = Access.require(ctx, Role.ISSUE);
        String type = Optional.ofNullable(ctx.queryParam("type"))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> new BadRequestResponse(
                        "the query parameter type is required: a type id such as visa-validation"));
        boolean skipInvalid = flag(ctx, "skipInvalid");
        String lang = Optional.ofNullable(ctx.queryParam("lang")).orElse("fr");
        BatchRecord batch = desk.submit(caller, type, skipInvalid, lang, ctx.contentType(), body(ctx));
        ObjectNode answer = ReportJson.mapper().createObjectNode();
        answer.put("id", batch.id());
        answer.put("status", statusPath(batch.id()));
        ctx.status(202).header("Location", statusPath(batch.id()));
        json(ctx, answer);
    }

    /** {@code GET /api/v1/batches/{id}}: the state, the counts, the problems by row, the certificates issued. */
    void status(Context ctx) {
        Identity caller = Access.require(ctx, Role.ISSUE, Role.MANAGE, Role.READ);
        BatchRecord batch = desk.readable(caller, ctx.pathParam("id"));
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
