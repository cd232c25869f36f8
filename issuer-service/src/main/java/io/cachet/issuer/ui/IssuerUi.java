package io.cachet.issuer.ui;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.issue.PreviewService;
import io.cachet.core.issue.Reissuance;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryEvent;
import io.cachet.core.registry.SearchQuery;
import io.cachet.core.report.CertificateFacts;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.FieldSpec;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.verify.CertificateDescriber;
import io.cachet.core.verify.VerificationService;
import io.cachet.issuer.BatchDesk;
import io.cachet.issuer.CertificateDesk;
import io.cachet.issuer.Identity;
import io.cachet.issuer.Role;
import io.cachet.issuer.TokenVerifier;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The pages for agents, supervisors and auditors on the issuing service, under {@code /ui}: sign-in with the
 * organisation's provider, issuing from a form generated from the type, finding a certificate and acting on it. The
 * pages call the same {@link CertificateDesk} as the API, under the agent's verified identity.
 */
public final class IssuerUi {
    /** What the pages need from the home. */
    public record Services(
            CertificateDesk desk,
            BatchDesk batches,
            TypeCatalog catalog,
            PreviewService preview,
            VerificationService verification,
            Clock clock) {
        public Services {
            requireNonNull(desk, "desk is null");
            requireNonNull(batches, "batches is null");
            requireNonNull(catalog, "catalog is null");
            requireNonNull(preview, "preview is null");
            requireNonNull(verification, "verification is null");
            requireNonNull(clock, "clock is null");
        }
    }

    static final int SEARCH_LIMIT = 50;
    /** How long a repeated form waits for the same form's issuance under way (a double click). */
    private static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(30);

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Services services;
    private final UiSessions sessions;
    private final UiAccess access;
    private final SignIn signIn;
    private final UiPages pages = new UiPages();
    private final CertificateDescriber describer;
    private final BatchPages batchPages;

    public IssuerUi(UiSettings settings, TokenVerifier tokens, Services services) {
        this.services = requireNonNull(services, "services is null");
        this.sessions = new UiSessions(settings.idleTimeout(), services.clock());
        this.access = new UiAccess(settings, sessions);
        this.signIn = new SignIn(settings, tokens, sessions);
        this.describer = CertificateDescriber.of(services.catalog());
        this.batchPages = new BatchPages(this, services.batches(), services.catalog());
    }

    /** Adds the pages' routes and their error pages to the service. */
    public void register(JavalinConfig javalin) {
        javalin.routes.before("/ui", access::before);
        javalin.routes.before("/ui/*", access::before);
        javalin.routes.get("/ui", this::home);
        javalin.routes.get("/ui/assets/ui.css", ctx -> asset(ctx, "ui.css", "text/css"));
        javalin.routes.get("/ui/assets/progress.js", ctx -> asset(ctx, "progress.js", "text/javascript"));
        javalin.routes.get("/ui/sign-in", this::signIn);
        javalin.routes.get("/ui/callback", this::callback);
        javalin.routes.post("/ui/sign-out", this::signOut);
        javalin.routes.get("/ui/signed-out", ctx -> page(ctx, "signed-out", Map.of()));
        javalin.routes.get("/ui/issue", this::types);
        javalin.routes.get("/ui/issue/{type}", this::form);
        javalin.routes.post("/ui/issue/{type}", this::submit);
        javalin.routes.get("/ui/certificates", this::search);
        javalin.routes.get("/ui/certificates/{id}", this::certificate);
        javalin.routes.get("/ui/certificates/{id}/pdf", this::pdf);
        javalin.routes.post("/ui/certificates/{id}/status", this::changeStatus);
        javalin.routes.get("/ui/certificates/{id}/reissue", this::reissueForm);
        javalin.routes.post("/ui/certificates/{id}/reissue", this::reissue);
        javalin.routes.get("/ui/batches", batchPages::uploadForm);
        javalin.routes.post("/ui/batches", batchPages::upload);
        javalin.routes.get("/ui/batches/{id}", batchPages::batch);
        javalin.routes.post("/ui/batches/{id}/start", batchPages::start);
        javalin.routes.post("/ui/batches/{id}/cancel", batchPages::cancel);
        javalin.routes.get("/ui/batches/{id}/zip", batchPages::zip);
    }

    /** Whether {@code ctx} is one of the pages (its errors are pages too, not problem documents). */
    public static boolean isPage(Context ctx) {
        return ctx.path().equals("/ui") || ctx.path().startsWith("/ui/");
    }

    /** An error as a page, in the agent's language, with what to do. */
    public void error(Context ctx, int status, String detail) {
        ctx.status(status);
        page(ctx, "error", Map.of("status", status, "detail", detail));
    }

    private void home(Context ctx) {
        page(ctx, "home", Map.of());
    }

    private void signIn(Context ctx) {
        String returnTo = UiAccess.safeReturn(ctx.queryParam("return"));
        String browser = access.newBrowserBinding(ctx);
        ctx.redirect(signIn.start(browser, returnTo).toString(), HttpStatus.SEE_OTHER);
    }

    private void callback(Context ctx) {
        try {
            SignIn.Result result = signIn.finish(
                    access.browserBinding(ctx),
                    ctx.queryParam("state"),
                    ctx.queryParam("code"),
                    ctx.queryParam("error"));
            access.openSession(ctx, sessions.open(result.identity(), result.idToken()));
            ctx.redirect(result.returnTo(), HttpStatus.SEE_OTHER);
        } catch (SignIn.Failed e) {
            error(ctx, 401, pages.texts().text(access.locale(ctx).getLanguage(), "signin.failed", e.getMessage()));
        }
    }

    private void signOut(Context ctx) {
        UiSessions.Session session = UiAccess.session(ctx);
        access.closeSession(ctx);
        ctx.redirect(signIn.signOut(session.idToken()).toString(), HttpStatus.SEE_OTHER);
    }

    private void types(Context ctx) {
        Identity agent = require(ctx, Role.ISSUE);
        Locale locale = access.locale(ctx);
        List<Map<String, String>> types = new ArrayList<>();
        for (CertificateType type : services.catalog().types()) {
            types.add(Map.of("id", type.id(), "title", type.messages(locale).getProperty("title", type.title())));
        }
        page(ctx, "types", Map.of("types", types, "agent", agent.subject()));
    }

    private void form(Context ctx) {
        require(ctx, Role.ISSUE);
        CertificateType type = type(ctx);
        showForm(
                ctx,
                type,
                JsonNodeFactory.instance.objectNode(),
                List.of(),
                0,
                UUID.randomUUID().toString(),
                Optional.empty());
    }

    /** The form posted: add a row, preview, or issue (once per form, whatever the agent clicks or reloads). */
    private void submit(Context ctx) throws IOException {
        Identity agent = require(ctx, Role.ISSUE);
        CertificateType type = type(ctx);
        ObjectNode data = TypeForm.data(type, ctx.formParamMap());
        String issueKey = formKey(ctx);
        String action = Optional.ofNullable(ctx.formParam("action")).orElse("issue");
        Locale locale = access.locale(ctx);
        switch (action) {
            case "add-row" -> showForm(ctx, type, data, List.of(), 1, issueKey, Optional.empty());
            case "preview" -> {
                try {
                    byte[] pdf = services.preview().preview(type.id(), data, locale);
                    ctx.header("Content-Disposition", "inline; filename=\"apercu-" + type.id() + ".pdf\"");
                    ctx.contentType("application/pdf").result(pdf);
                } catch (CachetException e) {
                    invalid(ctx, type, data, e, issueKey, Optional.empty());
                }
            }
            case "issue" -> {
                try {
                    CertificateDesk.Outcome outcome = services.desk()
                            .issueWaiting(agent, type.id(), data, locale, "ui-form:" + issueKey, PATIENCE);
                    CertificateId id = outcome instanceof CertificateDesk.Created created
                            ? created.certificate().id()
                            : ((CertificateDesk.Replayed) outcome).record().id();
                    ctx.redirect("/ui/certificates/" + id.value() + "?issued=1", HttpStatus.SEE_OTHER);
                } catch (CachetException e) {
                    invalid(ctx, type, data, e, issueKey, Optional.empty());
                }
            }
            default -> throw new BadRequestResponse("unknown action " + action);
        }
    }

    private void invalid(
            Context ctx,
            CertificateType type,
            JsonNode data,
            CachetException e,
            String key,
            Optional<String> reissueOf) {
        if (e.kind() != CachetException.Kind.INVALID_INPUT) {
            throw e;
        }
        ctx.status(422);
        showForm(ctx, type, data, problemsSaid(e, access.locale(ctx)), 0, key, reissueOf);
    }

    /** The data's problems as {@code path: message} in the page's language (the API keeps them in English). */
    private List<String> problemsSaid(CachetException e, Locale locale) {
        if (e.fieldProblems().isEmpty()) {
            return e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems();
        }
        // A missing value is said the page's way, without the label the field already shows.
        return e.fieldProblems().stream()
                .map(problem -> problem.path() + ": "
                        + (problem.key().startsWith("required")
                                ? pages.texts().text(locale.getLanguage(), "form.error." + problem.key())
                                : problem.message(locale)))
                .toList();
    }

    private void showForm(
            Context ctx,
            CertificateType type,
            JsonNode data,
            List<String> problems,
            int extraRows,
            String issueKey,
            Optional<String> reissueOf) {
        Locale locale = access.locale(ctx);
        List<TypeForm.Field> fields = TypeForm.fields(
                type,
                locale,
                data,
                problems,
                extraRows,
                pages.texts().text(locale.getLanguage(), "form.error.required"));
        List<Map<String, String>> summary = new ArrayList<>();
        for (TypeForm.Field field : fields) {
            if (field.isList()) {
                if (!field.list().error().isEmpty()) {
                    summary.add(Map.of(
                            "href",
                            "#" + field.list().id(),
                            "text",
                            field.list().label() + " : " + field.list().error()));
                }
                for (List<TypeForm.Input> row : field.list().rows()) {
                    for (TypeForm.Input input : row) {
                        if (!input.error().isEmpty()) {
                            summary.add(Map.of(
                                    "href",
                                    "#" + input.id(),
                                    "text",
                                    field.list().label() + " – " + input.label() + " : " + input.error()));
                        }
                    }
                }
            } else if (!field.input().error().isEmpty()) {
                summary.add(Map.of(
                        "href",
                        "#" + field.input().id(),
                        "text",
                        field.input().label() + " : " + field.input().error()));
            }
        }
        TypeForm.formProblems(type, problems).forEach(problem -> summary.add(Map.of("href", "#form", "text", problem)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", type.id());
        model.put("title", type.messages(locale).getProperty("title", type.title()));
        model.put("fields", fields);
        model.put("summary", summary);
        model.put("issueKey", issueKey);
        model.put(
                "action",
                reissueOf.map(id -> "/ui/certificates/" + id + "/reissue").orElse("/ui/issue/" + type.id()));
        model.put("reissueOf", reissueOf.orElse(""));
        page(ctx, "form", model);
    }

    private void search(Context ctx) {
        Identity agent = require(ctx, Role.READ, Role.MANAGE);
        Locale locale = access.locale(ctx);
        Map<String, String> asked = new LinkedHashMap<>();
        for (String name : List.of("name", "birthDate", "number", "type", "office", "from", "to")) {
            asked.put(
                    name,
                    Optional.ofNullable(ctx.queryParam(name)).map(String::strip).orElse(""));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("asked", asked);
        model.put("types", typeChoices(locale));
        List<Map<String, String>> results = new ArrayList<>();
        String problem = "";
        boolean searched = asked.values().stream().anyMatch(value -> !value.isEmpty());
        if (!asked.get("number").isEmpty()) {
            String number = asked.get("number").toUpperCase(Locale.ROOT);
            if (CertificateId.isWellFormed(number)) {
                ctx.redirect("/ui/certificates/" + number, HttpStatus.SEE_OTHER);
                return;
            }
            problem = pages.texts().text(locale.getLanguage(), "search.badNumber");
        } else if (searched) {
            try {
                SearchQuery query = new SearchQuery(
                        optional(asked.get("name")),
                        optional(asked.get("birthDate")),
                        optional(asked.get("type")),
                        optional(asked.get("office")).map(value -> value.toUpperCase(Locale.ROOT)),
                        optional(asked.get("from"))
                                .map(value -> day(value).atStartOfDay(PARIS).toInstant()),
                        optional(asked.get("to"))
                                .map(value -> day(value)
                                        .plusDays(1)
                                        .atStartOfDay(PARIS)
                                        .toInstant()),
                        SEARCH_LIMIT);
                for (CertificateRecord record : services.desk().search(agent, query)) {
                    results.add(row(record, locale));
                }
            } catch (CachetException e) {
                problem = e.getMessage();
            } catch (DateTimeParseException e) {
                problem = pages.texts().text(locale.getLanguage(), "search.badDate");
            }
        }
        model.put("searched", searched);
        model.put("results", results);
        model.put("problem", problem);
        model.put("limit", SEARCH_LIMIT);
        if (!problem.isEmpty()) {
            ctx.status(400);
        }
        page(ctx, "search", model);
    }

    private void certificate(Context ctx) throws IOException {
        Identity agent = UiAccess.session(ctx).identity();
        CertificateRecord record = services.desk().readable(agent, id(ctx));
        Locale locale = access.locale(ctx);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("record", row(record, locale));
        model.put("issued", "1".equals(ctx.queryParam("issued")));
        model.put("status", record.displayStatus(services.clock().instant()));
        model.put("changeable", record.status().name());
        Optional<CertificateFacts> facts = Optional.empty();
        String verdict;
        try {
            VerificationReport report =
                    services.verification().verifyPdf(services.desk().pdf(record));
            verdict = report.verdict().name();
            facts = report.certificate().map(summary -> describer.describe(summary, locale));
        } catch (CachetException e) {
            verdict = "UNREADABLE";
        }
        model.put("verdict", verdict);
        model.put("facts", facts.map(CertificateFacts::fields).orElse(List.of()));
        List<Map<String, String>> history = new ArrayList<>();
        DateTimeFormatter when =
                DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", locale).withZone(PARIS);
        for (RegistryEvent event : services.desk().history(record.id())) {
            history.add(Map.of(
                    "kind", event.kind().name(),
                    "actor", event.actor(),
                    "at", when.format(event.at()),
                    "reason", event.reason().orElse(""),
                    "related", event.related().map(CertificateId::value).orElse("")));
        }
        model.put("history", history);
        model.put(
                "supersededBy", record.supersededBy().map(CertificateId::value).orElse(""));
        page(ctx, "certificate", model);
    }

    private void pdf(Context ctx) throws IOException {
        Identity agent = UiAccess.session(ctx).identity();
        CertificateRecord record = services.desk().readable(agent, id(ctx));
        ctx.header(
                "Content-Disposition", "attachment; filename=\"" + record.id().value() + ".pdf\"");
        ctx.contentType("application/pdf").result(services.desk().pdf(record));
    }

    /** Suspend, reinstate or revoke: a reason (except to reinstate) and an explicit confirmation. */
    private void changeStatus(Context ctx) throws IOException {
        Identity agent = require(ctx, Role.MANAGE);
        CertificateId id = id(ctx);
        Registry.Change change;
        try {
            change = Registry.Change.valueOf(
                    Optional.ofNullable(ctx.formParam("change")).orElse("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("unknown change");
        }
        Optional<String> reason =
                Optional.ofNullable(ctx.formParam("reason")).map(String::strip).filter(text -> !text.isEmpty());
        Locale locale = access.locale(ctx);
        String lang = locale.getLanguage();
        String problem = "";
        if (reason.isEmpty() && change != Registry.Change.REINSTATE) {
            problem = pages.texts().text(lang, "change.reasonRequired");
        } else if (reason.map(String::length).orElse(0) > 500) {
            problem = pages.texts().text(lang, "change.reasonTooLong");
        } else if (!"yes".equals(ctx.formParam("confirm"))) {
            problem = pages.texts().text(lang, "change.confirmRequired");
        }
        if (!problem.isEmpty()) {
            ctx.status(422);
            CertificateRecord record = services.desk().readable(agent, id);
            page(
                    ctx,
                    "confirm",
                    Map.of(
                            "record", row(record, locale),
                            "change", change.name(),
                            "reason", reason.orElse(""),
                            "problem", problem));
            return;
        }
        services.desk().change(agent, id, change, reason);
        ctx.redirect("/ui/certificates/" + id.value(), HttpStatus.SEE_OTHER);
    }

    /** The form of a correction, prefilled with what the certificate carries (holder and sealed fields). */
    private void reissueForm(Context ctx) throws IOException {
        Identity agent = require(ctx, Role.MANAGE);
        CertificateRecord record = services.desk().readable(agent, id(ctx));
        CertificateType type = services.catalog().get(record.type());
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        try {
            VerificationReport report =
                    services.verification().verifyPdf(services.desk().pdf(record));
            report.certificate().ifPresent(summary -> prefill(type, summary, data));
        } catch (CachetException e) {
            // Not readable: the agent types the data again.
        }
        showForm(
                ctx,
                type,
                data,
                List.of(),
                0,
                UUID.randomUUID().toString(),
                Optional.of(record.id().value()));
    }

    private void reissue(Context ctx) throws IOException {
        Identity agent = require(ctx, Role.MANAGE);
        CertificateRecord record = services.desk().readable(agent, id(ctx));
        CertificateType type = services.catalog().get(record.type());
        ObjectNode data = TypeForm.data(type, ctx.formParamMap());
        String key = formKey(ctx);
        if ("add-row".equals(ctx.formParam("action"))) {
            showForm(ctx, type, data, List.of(), 1, key, Optional.of(record.id().value()));
            return;
        }
        try {
            Reissuance.Result result = services.desk().reissue(agent, record.id(), data, access.locale(ctx));
            ctx.redirect("/ui/certificates/" + result.issued().id().value() + "?issued=1", HttpStatus.SEE_OTHER);
        } catch (CachetException e) {
            invalid(ctx, type, data, e, key, Optional.of(record.id().value()));
        }
    }

    private static void prefill(
            CertificateType type, io.cachet.core.report.CertificateSummary summary, ObjectNode data) {
        ObjectNode holder = data.putObject("holder");
        holder.put("familyName", summary.familyName());
        if (!summary.givenNames().isEmpty()) {
            holder.put("givenNames", summary.givenNames());
        }
        holder.put("birthDate", summary.birthDate());
        for (FieldSpec field : type.fields()) {
            if (field.seal() != null
                    && summary.fields().containsKey(field.seal())
                    && !field.name().contains(".")) {
                data.put(field.name(), summary.fields().get(field.seal()));
            }
        }
    }

    private Map<String, String> row(CertificateRecord record, Locale locale) {
        DateTimeFormatter day =
                DateTimeFormatter.ofPattern("dd/MM/yyyy", locale).withZone(PARIS);
        String title = services.catalog().types().stream()
                .filter(type -> type.id().equals(record.type()))
                .findFirst()
                .map(type -> type.messages(locale).getProperty("title", type.title()))
                .orElse(record.type());
        Map<String, String> row = new LinkedHashMap<>();
        row.put("id", record.id().value());
        row.put("type", title);
        row.put("office", record.office());
        row.put("name", record.holder().familyName() + " " + record.holder().givenNames());
        row.put("birthDate", record.holder().birthDate());
        row.put("issuedAt", day.format(record.issuedAt()));
        row.put("expiresAt", record.expiresAt().map(day::format).orElse(""));
        row.put("status", record.displayStatus(services.clock().instant()));
        return row;
    }

    private List<Map<String, String>> typeChoices(Locale locale) {
        List<Map<String, String>> types = new ArrayList<>();
        for (CertificateType type : services.catalog().types()) {
            types.add(Map.of("id", type.id(), "title", type.messages(locale).getProperty("title", type.title())));
        }
        return types;
    }

    private CertificateType type(Context ctx) {
        String id = ctx.pathParam("type");
        return services.catalog().types().stream()
                .filter(type -> type.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundResponse("there is no certificate type " + id));
    }

    private static CertificateId id(Context ctx) {
        String text = ctx.pathParam("id");
        if (!CertificateId.isWellFormed(text)) {
            throw new NotFoundResponse("this is not a certificate number");
        }
        return new CertificateId(text);
    }

    /** The form's own key (made when the form was shown): one issuance per form, whatever is clicked or resent. */
    private static String formKey(Context ctx) {
        String key = ctx.formParam("issueKey");
        try {
            return UUID.fromString(key == null ? "" : key).toString();
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("this form has no valid key: open it again");
        }
    }

    static Identity require(Context ctx, Role... roles) {
        Identity agent = UiAccess.session(ctx).identity();
        for (Role role : roles) {
            if (agent.has(role)) {
                return agent;
            }
        }
        throw new ForbiddenResponse("your account does not have the role this page needs ("
                + String.join(
                        " or ",
                        java.util.Arrays.stream(roles).map(Role::claimValue).toList()) + ")");
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static LocalDate day(String value) {
        return LocalDate.parse(value);
    }

    Locale locale(Context ctx) {
        return access.locale(ctx);
    }

    UiTexts texts() {
        return pages.texts();
    }

    String typeTitle(String typeId, Locale locale) {
        return services.catalog().types().stream()
                .filter(type -> type.id().equals(typeId))
                .findFirst()
                .map(type -> type.messages(locale).getProperty("title", type.title()))
                .orElse(typeId);
    }

    List<Map<String, String>> typeChoicesIn(Locale locale) {
        return typeChoices(locale);
    }

    void page(Context ctx, String template, Map<String, Object> model) {
        UiSessions.Session session = UiAccess.optionalSession(ctx).orElse(null);
        String path = ctx.path()
                + Optional.ofNullable(ctx.queryString())
                        .map(query ->
                                "?" + query.replaceAll("(^|&)lang=[^&]*", "").replaceFirst("^&", ""))
                        .filter(query -> !query.equals("?"))
                        .orElse("");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8")
                .result(pages.render(template, access.locale(ctx), session, path, model));
    }

    private static void asset(Context ctx, String name, String contentType) throws IOException {
        try (InputStream in = IssuerUi.class.getClassLoader().getResourceAsStream("issuer/ui/assets/" + name)) {
            if (in == null) {
                throw new NotFoundResponse();
            }
            ctx.header("Cache-Control", "max-age=3600");
            ctx.contentType(contentType).result(in.readAllBytes());
        }
    }
}
