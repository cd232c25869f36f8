package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.home.CachetHome;
import io.cachet.core.services.CachetServices;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service whose timestamp authority or provider is unreachable is not ready, and says which part is down. */
class IssuerHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void anUnreachableTimestampAuthorityMakesTheService503WithTheReason() throws Exception {
        CachetServices created = IssuerHomes.create(folder);
        CachetHome home = created.home();
        String tsa = "http://127.0.0.1:" + closedPort() + "/tsr";
        Files.writeString(home.configFile(), "\ntsa.url=" + tsa + "\n", StandardOpenOption.APPEND);
        CachetServices services = new CachetServices(home, Optional.empty(), Map.of(), Clock.systemUTC());

        try (TestOpenIdProvider provider = TestOpenIdProvider.start()) {
            Javalin app = IssuerApp.create(
                            IssuerHomes.of(services, folder), TokenVerifier.of(provider.settings(), Clock.systemUTC()))
                    .start("127.0.0.1", 0);
            try {
                HttpResponse<String> health = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

                assertThat(health.statusCode()).isEqualTo(503);
                JsonNode components = JSON.readTree(health.body()).get("components");
                assertThat(components.get("timestampAuthority").get("status").asText())
                        .isEqualTo("DOWN");
                assertThat(components.get("timestampAuthority").get("detail").asText())
                        .contains(tsa);
                assertThat(components.get("signingKey").get("status").asText()).isEqualTo("UP");
                assertThat(components.get("registry").get("status").asText()).isEqualTo("UP");
            } finally {
                app.stop();
            }
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
