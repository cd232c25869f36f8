package io.cachet.core.verify;

import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealClaimsCodec;
import io.cachet.core.seal.SealFormatException;
import io.cachet.core.seal.SealVerification;
import io.cachet.core.status.StatusListStatusSource;
import io.cachet.core.types.HiddenCharacters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a verifier reads from an authentic seal: the Cachet claims (check {@code seal.claims}), whether their text
 * hides characters (check {@code seal.text}), and the summary the report shows.
 */
final class AuthenticClaims {
    private AuthenticClaims() {}

    /** The claims of an authentic seal, its checks added; empty when the seal is not authentic or not readable. */
    static Optional<SealClaims> read(SealVerification verification, List<Check> checks) {
        checks.addAll(verification.checks());
        if (!(verification instanceof SealVerification.Authentic authentic)) {
            return Optional.empty();
        }
        try {
            SealClaims claims = SealClaimsCodec.decode(authentic.claims());
            checks.add(Check.passed(
                    CheckName.SEAL_CLAIMS, "Cachet claims, format version " + SealClaimsCodec.FORMAT_VERSION));
            checks.add(checkText(claims));
            return Optional.of(claims);
        } catch (SealFormatException e) {
            checks.add(Check.failed(CheckName.SEAL_CLAIMS, e.reason(), e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * What a verifier shows of authentic claims. Hidden characters are shown written out (<U+202E>), so that the page
     * never shows other text than the seal holds.
     */
    static CertificateSummary summary(TrustStore trust, SealClaims claims) {
        Map<String, String> fields = new LinkedHashMap<>();
        claims.fields().forEach((key, value) -> fields.put(key, HiddenCharacters.reveal(value)));
        return new CertificateSummary(
                claims.id(),
                claims.type(),
                claims.issuer(),
                claims.issuedAt(),
                claims.expiresAt(),
                HiddenCharacters.reveal(claims.holder().familyName()),
                HiddenCharacters.reveal(claims.holder().givenNames()),
                HiddenCharacters.reveal(claims.holder().birthDate()),
                issuerVerifier(claims),
                trust.officeName(claims.issuer()),
                fields,
                // a seal dates the certificate to the second
                false);
    }

    /** The issuer's verifier, named by the seal's status reference. */
    static Optional<String> issuerVerifier(SealClaims claims) {
        return claims.status().flatMap(StatusListStatusSource::verifierOf);
    }

    /**
     * Issuance refuses invisible, control and direction-changing characters in text (docs/seal-format.md §2); a seal
     * that carries one anyway is authentic but may show other text than it holds ("DUPONT" for U+202E "TNOPUD"). The
     * detail names the field and the character, never the value.
     */
    private static Check checkText(SealClaims claims) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("holder family name", claims.holder().familyName());
        texts.put("holder given names", claims.holder().givenNames());
        texts.put("holder birth date", claims.holder().birthDate());
        claims.fields().forEach((name, value) -> texts.put("field " + name, value));
        for (Map.Entry<String, String> text : texts.entrySet()) {
            Optional<HiddenCharacters.Found> found = HiddenCharacters.find(text.getValue());
            if (found.isPresent()) {
                return Check.failed(
                        CheckName.SEAL_TEXT,
                        ReasonCode.SEAL_HIDDEN_CHARACTERS,
                        "the " + text.getKey() + " holds " + found.get().describe()
                                + ": what is displayed may differ from what was signed; shown written out as <U+...>");
            }
        }
        return Check.passed(
                CheckName.SEAL_TEXT, "no invisible, control or direction-changing character in the seal's text");
    }
}
