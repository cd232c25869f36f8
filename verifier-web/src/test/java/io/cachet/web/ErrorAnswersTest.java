package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.CachetException;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link CachetException} thrown by any handler is answered once, by {@link ErrorAnswers}, with the status of its
 * kind: problem details for the API, the error page for people.
 */
class ErrorAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_REQUEST_BYTES = 1024 * 1024;
    private static final long RETRY_AFTER_SECONDS = 7;

    private static final Map<CachetException.Kind, Integer> STATUSES = Map.of(
            CachetException.Kind.USAGE, 400,
            CachetException.Kind.INVALID_INPUT, 422,
            CachetException.Kind.NOT_FOUND, 404,
            CachetException.Kind.CONFLICT, 409,
            CachetException.Kind.CONFIGURATION, 503,
            CachetException.Kind.INTERNAL, 500,
            CachetException.Kind.BUSY, 503);

    private static Javalin app;
    private static Http http;

    @BeforeAll
    static void start() {
        ErrorAnswers errors = new ErrorAnswers(
                new Pages(MAX_REQUEST_BYTES), new RequestLimits(MAX_REQUEST_BYTES), RETRY_AFTER_SECONDS);
        app = Javalin.create(javalin -> {
                    javalin.startup.showJavalinBanner = false;
                    javalin.routes.get("/api/v1/fail/{kind}", ctx -> {
                        throw failure(ctx.pathParam("kind"));
                    });
                    javalin.routes.get("/fail/{kind}", ctx -> {
                        throw failure(ctx.pathParam("kind"));
                    });
                    errors.install(javalin.routes);
                })
                .start("127.0.0.1", 0);
        http = new Http("http://127.0.0.1:" + app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    /** The exception a handler would throw for {@code kind}, with a message naming the secret path of a server file. */
    private static CachetException failure(String kind) {
        String message = "failure of kind " + kind + " in /srv/secret/cachet.properties";
        return switch (CachetException.Kind.valueOf(kind)) {
            case USAGE -> CachetException.usage(message);
            case INVALID_INPUT -> CachetException.invalidInput(message, List.of("holder.birthDate: not a date"));
            case NOT_FOUND -> CachetException.notFound(message);
            case CONFLICT -> CachetException.conflict(message);
            case CONFIGURATION -> CachetException.configuration(message);
            case INTERNAL -> CachetException.internal(message, new IllegalStateException("inner"));
            case BUSY -> CachetException.busy(message);
        };
    }

    @Test
    void everyKindHasTheStatusItsJavadocPromises() {
        for (CachetException.Kind kind : CachetException.Kind.values()) {
            assertThat(ErrorAnswers.status(kind)).as(kind.name()).isEqualTo(STATUSES.get(kind));
        }
    }

    @ParameterizedTest
    @EnumSource(CachetException.Kind.class)
    void anApiHandlersCachetExceptionIsAnsweredWithItsKindsStatusAsProblemDetails(CachetException.Kind kind)
            throws Exception {
        HttpResponse<String> response = http.get("/api/v1/fail/" + kind.name());

        int status = STATUSES.get(kind);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception");
    }

    @ParameterizedTest
    @EnumSource(CachetException.Kind.class)
    void aPageHandlersCachetExceptionIsAnsweredWithItsKindsStatusAsAnErrorPage(CachetException.Kind kind)
            throws Exception {
        HttpResponse<String> response = http.get("/fail/" + kind.name() + "?lang=en");

        assertThat(response.statusCode()).isEqualTo(STATUSES.get(kind));
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("The request could not be processed")
                .contains("data-status=\"" + STATUSES.get(kind) + "\"")
                .doesNotContain("??")
                .doesNotContain("Exception");
    }

    @Test
    void aClientsMistakeIsExplainedWithTheMessageAndEveryProblem() throws Exception {
        JsonNode problem = JSON.readTree(http.get("/api/v1/fail/INVALID_INPUT").body());

        assertThat(problem.get("detail").asText())
                .isEqualTo("failure of kind INVALID_INPUT in /srv/secret/cachet.properties");
        assertThat(problem.get("problems").get(0).asText()).isEqualTo("holder.birthDate: not a date");
    }

    @Test
    void aServersOwnFailureIsNotDescribedToTheClient() throws Exception {
        for (String kind : List.of("CONFIGURATION", "INTERNAL", "BUSY")) {
            assertThat(http.get("/api/v1/fail/" + kind).body()).as(kind).doesNotContain("/srv/secret");
            assertThat(http.get("/fail/" + kind).body()).as(kind).doesNotContain("/srv/secret");
        }
    }

    @Test
    void aBusyVerifierAsksTheClientToComeBackLater() throws Exception {
        HttpResponse<String> response = http.get("/api/v1/fail/BUSY");

        assertThat(response.headers().firstValue("Retry-After")).hasValue(String.valueOf(RETRY_AFTER_SECONDS));
    }
}
