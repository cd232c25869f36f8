package io.cachet.core.seal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.keys.TrustStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Decodes any seal of the HCERT layering (Cachet's {@code CT1:}, the EU DCC's {@code HC1:}, …) layer by layer and
 * checks it against given certificates at a given time. A diagnostic tool: it shows as much as can be read, and
 * verifies with {@link SealVerifier}.
 */
public final class SealInspector {
    private final SealVerifier verifier;
    private final String prefix;

    /**
     * @param prefix the expected prefix, e.g. {@code CT1:} or {@code HC1:}
     * @param policy the verification policy; {@code seal decode} uses the HCERT rules (signer valid at the check)
     */
    public SealInspector(TrustStore trust, String prefix, SealVerifier.Policy policy) {
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.verifier = new SealVerifier(trust, policy);
    }

    public SealInspection inspect(String text, Instant at) {
        SealVerification verification = verifier.verify(text, at);
        Optional<SealText.Layers> layers = Optional.empty();
        Optional<CoseSign1> cose = Optional.empty();
        Optional<JsonNode> claims = Optional.empty();
        try {
            layers = Optional.of(SealText.decode(text.strip(), prefix));
            cose = Optional.of(CoseSign1.parse(layers.get().cose()));
            claims = Optional.of(CborJson.toJson(CoseSign1.decodeCbor(cose.get().payload(), "payload")));
        } catch (SealFormatException | RuntimeException e) {
            // Shown as far as it could be read; the verification above says why it stopped.
        }
        return new SealInspection(layers, cose, claims, verification);
    }

    /** The protected header as JSON (alg, kid…). */
    public static JsonNode protectedHeader(CoseSign1 cose) {
        return CborJson.toJson(cose.protectedHeader());
    }

    public static JsonNode unprotectedHeader(CoseSign1 cose) {
        return CborJson.toJson(cose.unprotectedHeader());
    }
}
