package io.cachet.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A small HTTP client for tests against a real server on loopback. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String origin;
    private final boolean freshConnections;

    Http(String origin) {
        this(origin, false);
    }

    private Http(String origin, boolean freshConnections) {
        this.origin = origin;
        this.freshConnections = freshConnections;
    }

    /**
     * A client that opens a new connection for every request: for malformed requests, which the server answers early
     * and then closes the connection on, so that a pooled connection is never reused after the server dropped it (the
     * JDK client does not retry a POST on a stale connection, which made such tests fail at random under load).
     */
    static Http freshConnections(String origin) {
        return new Http(origin, true);
    }

    private HttpClient client() {
        return freshConnections ? HttpClient.newHttpClient() : CLIENT;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #post}, the answer's body as bytes (a PDF). */
    HttpResponse<byte[]> postForBytes(String path, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> postFile(String path, String filename, byte[] content) throws Exception {
        String boundary = "cachet-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
}
