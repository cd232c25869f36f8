package io.cachet.web;

import io.javalin.http.BadRequestResponse;
import java.util.Base64;
import java.util.Optional;

/**
 * How the result page sends the verified input again to get the signed report, since the verifier keeps nothing: a
 * code in a hidden field, a file (up to {@link #MAX_EMBEDDED_BYTES}) as Base64 in a hidden field; a larger file is
 * chosen again by the person.
 *
 * @param code the code's text, when a code was verified
 * @param file64 the file as Base64, when a file small enough to embed was verified
 * @param statusAt the status date asked, as sent, when one was
 */
public record ReportResend(Optional<String> code, Optional<String> file64, Optional<String> statusAt) {
    /** The form field that carries a resent file as Base64. */
    static final String FILE_FIELD = "file64";

    /** Certificates are about 100 KB; a page carrying more would be slow to load on a phone. */
    static final int MAX_EMBEDDED_BYTES = 3 * 1024 * 1024;

    static ReportResend ofCode(String code, Optional<String> statusAt) {
        return new ReportResend(Optional.of(code), Optional.empty(), statusAt);
    }

    static ReportResend ofFile(byte[] bytes, Optional<String> statusAt) {
        return new ReportResend(
                Optional.empty(),
                bytes.length <= MAX_EMBEDDED_BYTES
                        ? Optional.of(Base64.getEncoder().encodeToString(bytes))
                        : Optional.empty(),
                statusAt);
    }

    /**
     * What the page's report form needs: {@code offered}, and {@code code}, {@code file64} and {@code statusAt} when
     * set.
     */
    java.util.Map<String, String> fields() {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        fields.put("offered", "true");
        code.ifPresent(value -> fields.put("code", value));
        file64.ifPresent(value -> fields.put("file64", value));
        statusAt.ifPresent(value -> fields.put("statusAt", value));
        if (fileChosenAgain()) {
            fields.put("chooseAgain", "true");
        }
        return fields;
    }

    /** True when the person must choose the file again (too large to embed in the page). */
    boolean fileChosenAgain() {
        return code.isEmpty() && file64.isEmpty();
    }

    /** A resent file's bytes, within the upload limit; a field that is not Base64 is a clear 400. */
    static byte[] decode(String base64, RequestLimits limits) {
        limits.checkUpload(base64.length() / 4L * 3);
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("the field " + FILE_FIELD + " is not Base64: " + e.getMessage());
        }
    }

    /** The file name shown in the report: letters, digits and {@code ._-} only, at most 80 characters. */
    static String safeName(String name) {
        if (name == null) {
            return "file";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String kept = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return kept.isEmpty() ? "file" : kept.substring(0, Math.min(kept.length(), 80));
    }
}
