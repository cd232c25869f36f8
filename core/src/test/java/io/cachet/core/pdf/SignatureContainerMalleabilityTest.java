package io.cachet.core.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.report.Verdict;
import io.cachet.core.services.CachetServices;
import io.cachet.core.verify.VerificationService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CMS inside /Contents is not itself covered by the signature: its unsigned parts (content type, version,
 * digest algorithm set, certificate encodings, signer identifier, tag numbers) could be altered while the
 * signature still verifies. Every single-bit change to any character of the CMS hex string must make the PDF
 * INVALID.
 */
class SignatureContainerMalleabilityTest {
    @Test
    void noSingleBitChangeInTheSignatureContainerLeavesThePdfValid(@TempDir Path folder) throws Exception {
        CachetServices services = TestHomes.create(
                folder.resolve("home"), Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC));
        var issued = services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("v.pdf"),
                        Locale.FRENCH);
        byte[] pdf = Files.readAllBytes(issued.file());
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("/Contents <") + "/Contents <".length();
        int end = text.indexOf("0000", start);
        VerificationService verification = services.verification();

        List<String> stillValid = new ArrayList<>();
        for (int i = start; i < end; i++) {
            byte[] tampered = pdf.clone();
            tampered[i] ^= 0x01;
            if (verification.verifyPdf(tampered).verdict() == Verdict.VALID) {
                stillValid.add(
                        (i - start) + ": …" + text.substring(Math.max(start, i - 16), i) + "[" + text.charAt(i) + "]");
            }
        }

        assertThat(end - start).isGreaterThan(1000);
        assertThat(stillValid).isEmpty();
    }
}
