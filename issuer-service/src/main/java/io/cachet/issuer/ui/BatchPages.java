package io.cachet.issuer.ui;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.batch.BatchProblem;
import io.cachet.core.types.TypeCatalog;
import io.cachet.issuer.BatchDesk;
import io.cachet.issuer.BatchRecord;
import io.cachet.issuer.Identity;
import io.cachet.issuer.Role;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The batch pages: upload a CSV or JSON Lines file, see every bad row before anything is issued, start (with the
 * valid rows only if the agent chooses so) or cancel, follow the progress, take the results as a zip. The work is
 * {@link BatchDesk}'s, the same as the API's.
 */
final class BatchPages {
    /** Seconds between two automatic reloads of a running batch's page (a meta refresh: no JavaScript). */
    static final int REFRESH_SECONDS = 3;

    private final IssuerUi ui;
    private final BatchDesk batches;
    private final TypeCatalog catalog;

    BatchPages(IssuerUi ui, BatchDesk batches, TypeCatalog catalog) {
        this.ui = requireNonNull(ui, "ui is null");
        this.batches = requireNonNull(batches, "batches is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** {@code GET /ui/batches}: the upload form. */
    void uploadForm(Context ctx) {
        IssuerUi.require(ctx, Role.ISSUE);
        showUpload(ctx, Optional.ofNullable(ctx.queryParam("type")).orElse(""), Map.of());
    }

    /** {@code POST /ui/batches} (multipart): keeps the file, checks every row, shows the batch; issues nothing. */
    void upload(Context ctx) throws IOException {
        Identity agent = IssuerUi.require(ctx, Role.ISSUE);
        Locale locale = ui.locale(ctx);
        String lang = locale.getLanguage();
        String type =
                Optional.ofNullable(ctx.formParam("type")).map(String::strip).orElse("");
        UploadedFile file = ctx.uploadedFile("file");
        Map<String, String> errors = new LinkedHashMap<>();
        if (catalog.types().stream().noneMatch(known -> known.id().equals(type))) {
            errors.put("type", ui.texts().text(lang, "batches.error.type"));
        }
        byte[] content = new byte[0];
        if (file == null || file.filename() == null || file.filename().isBlank()) {
            errors.put("file", ui.texts().text(lang, "batches.error.noFile"));
        } else if (file.size() > BatchDesk.MAX_INPUT_BYTES) {
            errors.put("file", ui.texts().text(lang, "batches.error.tooLarge", BatchDesk.MAX_INPUT_BYTES >> 20));
        } else {
            try (InputStream in = file.content()) {
                content = in.readAllBytes();
            }
        }
        if (errors.isEmpty()) {
            try {
                BatchRecord batch =
                        batches.check(agent, type, locale, Optional.of(file.filename()), file.contentType(), content);
                ctx.redirect("/ui/batches/" + batch.id(), HttpStatus.SEE_OTHER);
                return;
            } catch (CachetException e) {
                if (e.kind() != CachetException.Kind.USAGE && e.kind() != CachetException.Kind.INVALID_INPUT) {
                    throw e;
                }
                errors.put("file", ui.texts().text(lang, "batches.error.unreadable", e.getMessage()));
            }
        }
        ctx.status(422);
        showUpload(ctx, type, errors);
    }

    /** {@code GET /ui/batches/{id}}: the rows checked, then the progress (reloading itself while it runs). */
    void batch(Context ctx) {
        Identity agent = UiAccess.session(ctx).identity();
        BatchRecord batch = batches.readable(agent, ctx.pathParam("id"));
        Locale locale = ui.locale(ctx);
        BatchRecord.State state = batch.state();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", batch.id());
        model.put("title", ui.typeTitle(batch.type(), locale));
        model.put("state", state.name());
        model.put("total", batch.total());
        model.put("valid", batch.valid());
        model.put("invalid", batch.invalid());
        model.put("issued", batch.issued());
        model.put("failed", batch.failed());
        model.put("done", batch.issued() + batch.failed());
        model.put("detail", batch.detail());
        model.put("skipInvalid", batch.skipInvalid());
        model.put("certificates", batch.certificates().size());
        List<Map<String, Object>> problems = new ArrayList<>();
        for (BatchProblem problem : batch.problems()) {
            problems.add(Map.of("line", problem.line(), "field", problem.field(), "problem", problem.problem(locale)));
        }
        model.put("problems", problems);
        model.put("mine", agent.has(Role.ISSUE) && batch.subject().equals(agent.subject()));
        model.put("finished", state.finished());
        boolean running = state == BatchRecord.State.VALIDATING || state == BatchRecord.State.RUNNING;
        model.put("refresh", running ? REFRESH_SECONDS : 0);
        if (running) {
            // The one page of the service with a script: its own progress.js, which fetches this page again. Every
            // other page, this one included once the batch is finished, allows no script at all.
            String policy = ctx.res().getHeader("Content-Security-Policy");
            ctx.header("Content-Security-Policy", policy + "; script-src 'self'; connect-src 'self'");
        }
        page(ctx, "batch", model);
    }

    /** {@code POST /ui/batches/{id}/start}: the agent's choice; a second click changes nothing. */
    void start(Context ctx) {
        Identity agent = IssuerUi.require(ctx, Role.ISSUE);
        BatchRecord batch = batches.start(agent, ctx.pathParam("id"), "true".equals(ctx.formParam("skipInvalid")));
        ctx.redirect("/ui/batches/" + batch.id(), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /ui/batches/{id}/cancel}: forgets a batch not started and its file. */
    void cancel(Context ctx) {
        Identity agent = IssuerUi.require(ctx, Role.ISSUE);
        batches.cancel(agent, ctx.pathParam("id"));
        ctx.redirect("/ui/batches?cancelled=1", HttpStatus.SEE_OTHER);
    }

    /** {@code GET /ui/batches/{id}/zip}: the PDFs and the manifest, streamed. */
    void zip(Context ctx) throws IOException {
        Identity agent = UiAccess.session(ctx).identity();
        String id = ctx.pathParam("id");
        BatchDesk.Results results = batches.results(agent, id);
        ctx.header("Content-Disposition", "attachment; filename=\"lot-" + id + ".zip\"");
        ctx.contentType("application/zip");
        results.writeZip(ctx.outputStream());
    }

    private void showUpload(Context ctx, String type, Map<String, String> errors) {
        Locale locale = ui.locale(ctx);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("types", ui.typeChoicesIn(locale));
        model.put("type", type);
        model.put("typeError", errors.getOrDefault("type", ""));
        model.put("fileError", errors.getOrDefault("file", ""));
        List<Map<String, String>> summary = new ArrayList<>();
        errors.forEach((field, text) -> summary.add(Map.of("href", "#b-" + field, "text", text)));
        model.put("summary", summary);
        model.put("cancelled", "1".equals(ctx.queryParam("cancelled")));
        model.put("maxMegabytes", BatchDesk.MAX_INPUT_BYTES >> 20);
        model.put("lifetimeMinutes", BatchDesk.UNSTARTED_LIFETIME.toMinutes());
        page(ctx, "batches", model);
    }

    private void page(Context ctx, String template, Map<String, Object> model) {
        ui.page(ctx, template, model);
    }
}
