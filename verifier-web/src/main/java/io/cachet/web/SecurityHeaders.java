package io.cachet.web;

import io.javalin.http.Context;

/** Headers sent with every response (OWASP ASVS 5 §3.4). */
final class SecurityHeaders {
    private SecurityHeaders() {}

    static void apply(Context ctx) {
        ctx.header(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    }
}
