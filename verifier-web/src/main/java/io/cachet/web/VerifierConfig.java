package io.cachet.web;

/**
 * How the web verifier runs.
 *
 * @param host the address to listen on ({@code 0.0.0.0} for all)
 * @param port the TCP port; 0 picks a free one
 * @param maxRequestBytes the largest request body accepted, uploads included (default 10 MB)
 */
public record VerifierConfig(String host, int port, long maxRequestBytes) {
    public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;

    public VerifierConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive");
        }
    }

    public static VerifierConfig onPort(int port) {
        return new VerifierConfig("0.0.0.0", port, DEFAULT_MAX_REQUEST_BYTES);
    }
}
