package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cachet.core.services.CachetServices;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuing service's openapi.yaml and its routes agree both ways (every described operation is served, every
 * served operation described), the file is valid OpenAPI 3 for an independent validator, and it is served without a
 * token.
 */
class OpenApiContractTest {
    @TempDir
    static Path folder;

    private static TestOpenIdProvider provider;
    private static Javalin app;
    private static JsonNode openApi;

    @BeforeAll
    static void start() throws Exception {
        provider = TestOpenIdProvider.start();
        CachetServices services = IssuerHomes.create(folder);
        app = IssuerApp.create(
                        IssuerHomes.of(services, folder), TokenVerifier.of(provider.settings(), Clock.systemUTC()))
                .start("127.0.0.1", 0);
        try (var in = OpenApiContractTest.class.getClassLoader().getResourceAsStream(IssuerApp.OPENAPI_RESOURCE)) {
            openApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        app.stop();
        provider.close();
    }

    @Test
    void everyDescribedOperationIsServedAndEveryServedOneDescribed() {
        assertThat(servedOperations()).containsExactlyInAnyOrderElementsOf(describedOperations());
    }

    @Test
    void theDescriptionIsValidOpenApiForAnIndependentValidatorAndServedWithoutAToken() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + IssuerApp.OPENAPI_PATH))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        SwaggerParseResult result = new OpenAPIParser().readContents(served.body(), null, null);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearer");
    }

    private static Set<String> describedOperations() {
        Set<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    private static Set<String> servedOperations() {
        Set<String> operations = new TreeSet<>();
        app.unsafe.internalRouter.allHttpHandlers().forEach(parsed -> {
            HandlerType method = parsed.endpoint.method;
            if (method == HandlerType.GET || method == HandlerType.POST) {
                operations.add(method.name() + " " + parsed.endpoint.path);
            }
        });
        return operations;
    }
}
