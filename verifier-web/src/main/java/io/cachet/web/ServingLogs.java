package io.cachet.web;

import java.util.Map;

/**
 * The logging a serving process needs, for slf4j-simple, the backend the CLI and the standalone jar ship (PDFBox
 * logs through commons-logging, which hands over to SLF4J). Call it first thing in {@code main}, before any logger
 * exists: slf4j-simple reads a logger's level once, when the logger is made, from system properties first.
 *
 * <ul>
 *   <li>PDFBox, FontBox and XMPBox: errors only. They warn once per damaged object, so one small hostile PDF
 *       (a trailer declaring a million objects) would write megabytes per request; the verdict already says what is
 *       wrong with a file.
 *   <li>{@value AccessLog#LOGGER}: info, so that the access log is written even where the default level is higher
 *       (the CLI's is {@code warn}).
 *   <li>the trust's reloads ({@value #TRUST_LOGGER}, {@link VerifierTrust}): info, so that a new trust taken while
 *       the server runs is logged, as its refusals are (warn).
 * </ul>
 *
 * A setting given on the command line ({@code -Dorg.slf4j.simpleLogger.log.org.apache.pdfbox=warn}) is left alone.
 */
public final class ServingLogs {
    static final String PREFIX = "org.slf4j.simpleLogger.log.";

    /** The logger of the trust's reloads ({@code io.cachet.core.trust.TrustSource}). */
    static final String TRUST_LOGGER = "io.cachet.core.trust";

    static final Map<String, String> LEVELS = Map.of(
            "org.apache.pdfbox",
            "error",
            "org.apache.fontbox",
            "error",
            "org.apache.xmpbox",
            "error",
            AccessLog.LOGGER,
            "info",
            TRUST_LOGGER,
            "info",
            VerifierTrust.class.getName(),
            "info");

    private ServingLogs() {}

    /** Sets the levels above, each unless already set as a system property. */
    public static void configure() {
        LEVELS.forEach((logger, level) -> {
            if (System.getProperty(PREFIX + logger) == null) {
                System.setProperty(PREFIX + logger, level);
            }
        });
    }
}
