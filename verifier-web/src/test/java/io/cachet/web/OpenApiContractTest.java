package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openapi.yaml and the routes agree: every described operation is served, every served API route is described. */
class OpenApiContractTest {
    private static Javalin app;
    private static JsonNode openApi;

    @BeforeAll
    static void start() throws Exception {
        app = VerifierApp.create(TestCertificates.get().services.verification(), VerifierConfig.onPort(0));
        try (InputStream in =
                OpenApiContractTest.class.getClassLoader().getResourceAsStream(ApiHandlers.OPENAPI_RESOURCE)) {
            openApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void theDescriptionIsOpenApi3() {
        assertThat(openApi.get("openapi").asText()).startsWith("3.");
        assertThat(openApi.get("paths").size()).isPositive();
    }

    @Test
    void everyDescribedOperationIsServed() {
        Set<String> served = servedOperations();

        assertThat(served).containsAll(describedOperations());
    }

    @Test
    void everyServedApiRouteIsDescribed() {
        Set<String> api = new TreeSet<>();
        for (String operation : servedOperations()) {
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (path.startsWith("/api/") || path.equals("/health") || path.equals("/metrics")) {
                api.add(operation);
            }
        }

        assertThat(describedOperations()).containsAll(api);
    }

    @Test
    void everyRouteNamedInRoutesIsDescribedOrIsAPageForPeople() throws IllegalAccessException {
        Set<String> pages = Set.of(Routes.HOME, Routes.VERIFY_FORM, Routes.REPORT_FORM, Routes.ASSETS);
        Set<String> describedPaths = new TreeSet<>();
        openApi.get("paths").fieldNames().forEachRemaining(describedPaths::add);
        Set<String> routes = new TreeSet<>();
        for (Field field : Routes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && !Modifier.isPrivate(field.getModifiers())
                    && field.getType() == String.class
                    && field.get(null) instanceof String value
                    && value.startsWith("/")) {
                routes.add(value);
            }
        }

        assertThat(routes).contains(Routes.VERIFY_API, Routes.CERTIFICATE, Routes.HEALTH);
        routes.removeAll(pages);
        assertThat(describedPaths).containsAll(routes);
    }

    private static Set<String> describedOperations() {
        Set<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue()
                    .fieldNames()
                    .forEachRemaining(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        return operations;
    }

    private static Set<String> servedOperations() {
        Set<String> operations = new TreeSet<>();
        app.unsafe.internalRouter.allHttpHandlers().forEach(parsed -> {
            HandlerType method = parsed.endpoint.method;
            if (method == HandlerType.GET
                    || method == HandlerType.POST
                    || method == HandlerType.PUT
                    || method == HandlerType.DELETE
                    || method == HandlerType.PATCH) {
                operations.add(method.name() + " " + parsed.endpoint.path);
            }
        });
        return operations;
    }
}
