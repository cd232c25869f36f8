package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.yaml} is valid OpenAPI 3 for an independent validator (swagger-parser), as written and as
 * served with a public base URL, and states the security of every operation: none ({@code security: []}) for the
 * public ones, the API key for the certificate records.
 */
class OpenApiValidityTest {
    private static final String BASE_URL = "https://verifier.example.fr";

    @Test
    void theFileIsValidOpenApiWithoutASingleMessage() throws IOException {
        SwaggerParseResult result = parse(resource());

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void theDescriptionServedWithABaseUrlIsValidToo() throws Exception {
        VerifierConfig config =
                VerifierConfig.load(Optional.empty(), Map.of("CACHET_WEB_BASE_URL", BASE_URL, "CACHET_WEB_PORT", "0"));
        Javalin app = VerifierApp.create(TestCertificates.get().services.verification(), config);
        try {
            app.start("127.0.0.1", 0);
            HttpResponse<String> served = new Http("http://127.0.0.1:" + app.port()).get(Routes.OPENAPI_YAML);
            SwaggerParseResult result = parse(served.body());

            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(result.getMessages()).isEmpty();
            assertThat(result.getOpenAPI().getServers().get(0).getUrl()).isEqualTo(BASE_URL);
        } finally {
            app.stop();
        }
    }

    @Test
    void everyReferenceStaysInsideTheDocument() throws IOException {
        // Validation then needs no network, and the served file never sends a reader elsewhere.
        Matcher references = Pattern.compile("\\$ref:\\s*\"?([^\"\\s}]+)").matcher(resource());
        int count = 0;
        while (references.find()) {
            assertThat(references.group(1)).startsWith("#/components/");
            count++;
        }
        assertThat(count).isPositive();
    }

    @Test
    void everyOperationStatesItsSecurityAndOnlyTheCertificateRecordsNeedAKey() throws IOException {
        OpenAPI openApi = parse(resource()).getOpenAPI();
        Map<String, List<SecurityRequirement>> security = new TreeMap<>();
        openApi.getPaths()
                .forEach((path, item) -> operations(item)
                        .forEach((method, operation) -> security.put(method + " " + path, operation.getSecurity())));

        assertThat(openApi.getSecurity()).as("no document-wide default").isNull();
        assertThat(security).doesNotContainValue(null);
        security.forEach((operation, requirements) -> {
            if (operation.equals("GET " + Routes.CERTIFICATE)) {
                assertThat(requirements).as(operation).hasSize(1);
                assertThat(requirements.get(0)).as(operation).containsOnlyKeys("apiKey");
            } else {
                assertThat(requirements).as(operation).isEmpty();
            }
        });
        assertThat(openApi.getComponents().getSecuritySchemes()).containsOnlyKeys("apiKey");
        assertThat(openApi.getComponents().getSecuritySchemes().get("apiKey").getScheme())
                .isEqualTo("bearer");
    }

    private static Map<String, Operation> operations(PathItem item) {
        Map<String, Operation> operations = new TreeMap<>();
        item.readOperationsMap().forEach((method, operation) -> operations.put(method.name(), operation));
        return operations;
    }

    private static SwaggerParseResult parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertThat(result).isNotNull();
        assertThat(result.getOpenAPI()).as(String.valueOf(result.getMessages())).isNotNull();
        return result;
    }

    private static String resource() throws IOException {
        try (InputStream in =
                OpenApiValidityTest.class.getClassLoader().getResourceAsStream(ApiHandlers.OPENAPI_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
