package io.cachet.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenID provider that Cachet did not write: panva's OpenID Certified {@code oidc-provider}, run with node
 * ({@code src/test/oidc-provider/provider.mjs}, installed from npm at build time). Clients get RFC 9068 JWT access
 * tokens for {@link #AUDIENCE} through the client-credentials grant, with their roles in {@code roles}.
 */
final class NodeOpenIdProvider implements AutoCloseable {
    static final String AUDIENCE = "urn:cachet:issuer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A system client of the provider: its id, secret, roles and the algorithm of its access tokens. */
    record Client(String id, String secret, List<String> roles, String alg) {}

    /** A person with an account at the provider (any password signs in), with a display name and roles. */
    record User(String login, String name, List<String> roles) {}

    /** The client id and secret of the issuing pages at the provider. */
    static final String UI_CLIENT_ID = "cachet-issuer-ui";

    static final String UI_CLIENT_SECRET = "ui-client-secret";

    private final Process process;
    private final URI issuer;

    private NodeOpenIdProvider(Process process, URI issuer) {
        this.process = process;
        this.issuer = issuer;
    }

    static NodeOpenIdProvider start(Path folder, List<Client> clients) throws IOException, InterruptedException {
        return start(folder, clients, List.of(), List.of());
    }

    /**
     * A provider with {@code users} who sign in through its own login page to the issuing pages, whose client may
     * send the browser back to {@code redirectUris}.
     */
    static NodeOpenIdProvider start(Path folder, List<Client> clients, List<User> users, List<String> redirectUris)
            throws IOException, InterruptedException {
        Path script = Path.of("src/test/oidc-provider/provider.mjs").toAbsolutePath();
        if (!Files.isDirectory(Path.of("node_modules/oidc-provider"))) {
            throw new IllegalStateException("oidc-provider is not installed: the build installs it with npm ci"
                    + " (issuer-service/package.json) in generate-test-resources");
        }
        ObjectNode config = JSON.createObjectNode().put("audience", AUDIENCE).put("accessTokenSeconds", 300);
        ArrayNode list = config.putArray("clients");
        for (Client client : clients) {
            ObjectNode node = list.addObject().put("id", client.id()).put("secret", client.secret());
            node.put("alg", client.alg());
            client.roles().forEach(node.putArray("roles")::add);
        }
        if (!redirectUris.isEmpty()) {
            redirectUris.forEach(config.putArray("redirectUris")::add);
            config.putArray("postLogoutRedirectUris")
                    .add(redirectUris.get(0).replace("/ui/callback", "/ui/signed-out"));
            config.put("uiClientId", UI_CLIENT_ID).put("uiClientSecret", UI_CLIENT_SECRET);
        }
        ArrayNode accounts = config.putArray("users");
        for (User user : users) {
            ObjectNode node = accounts.addObject().put("login", user.login()).put("name", user.name());
            user.roles().forEach(node.putArray("roles")::add);
        }
        Path configFile = folder.resolve("oidc-provider.json");
        JSON.writeValue(configFile.toFile(), config);
        Process process = new ProcessBuilder("node", script.toString(), configFile.toString())
                .redirectError(folder.resolve("oidc-provider.log").toFile())
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "oidc-provider did not start: " + Files.readString(folder.resolve("oidc-provider.log")));
        }
        return new NodeOpenIdProvider(
                process, URI.create(line.substring("READY ".length()).strip()));
    }

    URI issuer() {
        return issuer;
    }

    /** The provider's answer to a client-credentials token request for {@code resource}. */
    HttpResponse<String> tokenResponse(Client client, String resource) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder()
                .encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials&resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** An access token for the issuing service, as a case system gets it. */
    String accessToken(Client client) throws IOException, InterruptedException {
        HttpResponse<String> response = tokenResponse(client, AUDIENCE);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request refused: " + response.statusCode() + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return body.get("access_token").asText();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
