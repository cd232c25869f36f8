package io.cachet.web;

import io.javalin.http.Context;

/** Headers sent with every response (OWASP ASVS 5 V3.4). */
final class SecurityHeaders {
    /** Only our own origin: no inline script or style, no third party, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; media-src 'self'; connect-src 'self'; form-action 'self'; "
            + "base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

    private final ClientAddress clients;

    SecurityHeaders(ClientAddress clients) {
        this.clients = clients;
    }

    void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        // RFC 6797 §7.2: HSTS only over a secure transport (ours, or a trusted proxy's that says https).
        if (clients.isHttps(ctx)) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    /** Results and API answers hold personal data: no cache may keep them (OWASP ASVS 5 V14.3). */
    static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }
}
