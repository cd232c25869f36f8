package io.cachet.web;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Headers sent with every response (OWASP ASVS 5 V3.4). */
final class SecurityHeaders {
    /** Only our own origin: no inline script or style, no third party, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; media-src 'self'; connect-src 'self'; form-action 'self'; "
            + "base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

    /**
     * The headers every response carries, in the application's answers and in the errors Jetty answers itself
     * ({@link JettyErrors}).
     */
    static final Map<String, String> ALWAYS = always();

    private final ClientAddress clients;

    SecurityHeaders(ClientAddress clients) {
        this.clients = clients;
    }

    void apply(Context ctx) {
        ALWAYS.forEach(ctx::header);
        // RFC 6797 §7.2: HSTS only over a secure transport (ours, or a trusted proxy's that says https).
        if (clients.isHttps(ctx)) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    private static Map<String, String> always() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        return Collections.unmodifiableMap(headers);
    }

    /** Results and API answers hold personal data: no cache may keep them (OWASP ASVS 5 V14.3). */
    static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }
}
