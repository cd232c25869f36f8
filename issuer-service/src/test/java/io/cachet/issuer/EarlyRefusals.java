package io.cachet.issuer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends a request with a body larger than the service takes, which it refuses (413) before reading the body and then
 * closes the connection on. Each attempt uses a connection of its own. While the client is still sending, the close
 * can make the kernel reset the connection and drop the answer already received ("header parser received no bytes"):
 * that is TCP, not the service, so such an attempt is repeated, at most three times. (The JDK 17 client's
 * {@code Expect: 100-continue}, which would avoid sending the body, waits forever for a final answer without a 100.)
 */
final class EarlyRefusals {
    private static final int ATTEMPTS = 3;

    private EarlyRefusals() {}

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        IOException reset = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                reset = e;
            }
        }
        throw reset;
    }
}
