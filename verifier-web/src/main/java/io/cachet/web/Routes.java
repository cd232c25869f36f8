package io.cachet.web;

import java.util.Set;

/**
 * The verifier's routes, named once: declared from here in {@link VerifierApp}, and used to label requests in the
 * access log and the metrics. A label is a route template, never a raw path (a path could carry a code or a
 * certificate id, and raw paths would make unbounded series), and a method outside HTTP's registered few is
 * {@value #OTHER_METHOD} (anyone can invent one per request).
 */
final class Routes {
    static final String HOME = "/";
    static final String VERIFY_FORM = "/verify";
    static final String VERIFY_API = "/api/v1/verify";
    static final String REPORT_FORM = "/report";
    static final String REPORT_API = "/api/v1/report";
    static final String TRUST_LIST = "/api/v1/trust-list";
    static final String STATUS_LIST = "/api/v1/status-list";
    static final String CERTIFICATE = "/api/v1/certificates/{id}";
    static final String OPENAPI_YAML = "/api/openapi.yaml";
    static final String API_DOCS = "/api/docs";
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";
    static final String ASSETS = "/assets/**";

    /** The label of any path that is none of the routes. */
    static final String UNMATCHED = "UNMATCHED";

    /** The label of any method that is not one of {@link #METHODS}. */
    static final String OTHER_METHOD = "OTHER";

    /** The methods of RFC 9110 §9 and PATCH (RFC 5789): all others are refused with 405 before routing. */
    static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /** What the verifier answers to, for {@code Allow}. */
    static final String ALLOWED = "GET, HEAD, POST";

    private static final Set<String> EXACT = Set.of(
            HOME,
            VERIFY_FORM,
            VERIFY_API,
            REPORT_FORM,
            REPORT_API,
            TRUST_LIST,
            STATUS_LIST,
            OPENAPI_YAML,
            API_DOCS,
            HEALTH,
            METRICS);
    private static final String CERTIFICATES_PREFIX = "/api/v1/certificates/";
    private static final String ASSETS_PREFIX = "/assets/";

    private Routes() {}

    /** The route template a path falls under, or {@link #UNMATCHED}. */
    static String template(String path) {
        if (path == null) {
            return UNMATCHED;
        }
        if (EXACT.contains(path)) {
            return path;
        }
        if (path.startsWith(CERTIFICATES_PREFIX)
                && path.length() > CERTIFICATES_PREFIX.length()
                && path.indexOf('/', CERTIFICATES_PREFIX.length()) < 0) {
            return CERTIFICATE;
        }
        if (path.startsWith(ASSETS_PREFIX)) {
            return ASSETS;
        }
        return UNMATCHED;
    }

    /** The method as a label: one of {@link #METHODS}, else {@link #OTHER_METHOD}. */
    static String method(String method) {
        return method != null && METHODS.contains(method) ? method : OTHER_METHOD;
    }
}
