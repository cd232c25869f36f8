package io.cachet.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the verifier writes to its log for a verification: method, route and status, never the seal, the holder's
 * data or the body (OWASP ASVS 5 V14.2, V16). The test log file is set in src/test/resources/simplelogger.properties.
 */
class LoggingTest {
    private static final Path LOG = Path.of("target/verifier-web-test.log");

    @Test
    void aVerificationIsLoggedWithoutTheCodeOrTheHolder() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        Javalin app = VerifierApp.create(
                        certificates.services.verification(),
                        new VerifierConfig("127.0.0.1", 0, VerifierConfig.DEFAULT_MAX_REQUEST_BYTES, "", List.of(), 0))
                .start("127.0.0.1", 0);
        long before = Files.exists(LOG) ? Files.size(LOG) : 0;
        try {
            Http http = new Http("http://127.0.0.1:" + app.port());
            String form = "code=" + URLEncoder.encode(certificates.issued.seal(), StandardCharsets.UTF_8);
            http.post("/verify", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
            http.post(
                    "/verify",
                    "application/x-www-form-urlencoded",
                    ("code=" + URLEncoder.encode(certificates.tamperedSeal(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
        } finally {
            app.stop(); // The access line is written once the response is; stopping waits for it.
        }

        String logged = new String(Files.readAllBytes(LOG), StandardCharsets.UTF_8).substring((int) before);
        assertThat(logged).contains("POST /verify 200");
        assertThat(logged)
                .doesNotContain(certificates.issued.seal().substring(4, 40))
                .doesNotContain(certificates.tamperedSeal().substring(4, 40))
                .doesNotContain("EL AMRANI")
                .doesNotContain("Yasmine")
                .doesNotContain(certificates.issued.id().value());
    }
}
