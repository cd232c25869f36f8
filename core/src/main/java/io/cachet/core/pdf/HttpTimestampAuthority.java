package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * A remote RFC 3161 timestamp authority over HTTP (RFC 3161 §3.4): POST {@code application/timestamp-query},
 * answer {@code application/timestamp-reply}. Any failure (unreachable, timeout, refusal, a reply that does not
 * match the request) is a {@link CachetException}; there is no retry and no fallback.
 */
public final class HttpTimestampAuthority implements TimestampAuthority {
    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public HttpTimestampAuthority(URI url, Duration timeout) {
        this.url = requireNonNull(url, "url is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw CachetException.configuration("tsa.url must be an http or https URL, not " + url);
        }
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public byte[] timestamp(byte[] sha256) {
        TimeStampRequest request = LocalTimestampAuthority.request(sha256);
        try {
            HttpResponse<byte[]> reply = client.send(
                    HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Content-Type", "application/timestamp-query")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw unavailable("it answered HTTP " + reply.statusCode(), null);
            }
            TimeStampResponse response = new TimeStampResponse(reply.body());
            // Checks status granted, the imprint, the nonce and that a certificate was included as requested.
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                throw unavailable("it granted no token: " + response.getStatusString(), null);
            }
            return response.getTimeStampToken().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw unavailable("it cannot be reached: " + e, e);
        } catch (TSPException e) {
            throw unavailable("its reply is not a valid timestamp for this request: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted", e);
        }
    }

    @Override
    public String description() {
        return "the timestamp authority at " + url;
    }

    private CachetException unavailable(String why, Exception cause) {
        String message = "cannot get a timestamp from " + url + " (tsa.url): " + why
                + "; nothing was issued (Cachet never issues a PDF without its timestamp)";
        return cause == null ? CachetException.configuration(message) : CachetException.configuration(message, cause);
    }
}
