package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.cachet.core.crypto.Es256;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Kid;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Base45;
import org.junit.jupiter.api.Test;

/**
 * Runs Cachet's own seal test vectors (docs/test-vectors/*.json, in the layered style of the EU DCC test data) and,
 * when asked with {@code -Dcachet.regenerateVectors=true}, writes them anew. The vectors let another team check a
 * compatible verifier: each holds the text, every layer in hex, the signer certificate, the clock and the expected
 * result with its reason code.
 */
class SealTestVectorsTest {
    static final Path VECTORS = Path.of("..", "docs", "test-vectors");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Instant ISSUED = Instant.parse("2026-10-14T08:30:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-10-14T08:30:00Z");
    private static final Instant CLOCK = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void everyVectorGivesItsExpectedResult() throws Exception {
        if (Boolean.getBoolean("cachet.regenerateVectors")) {
            generate();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(VECTORS)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files)
                .as("vectors in %s (regenerate with -Dcachet.regenerateVectors=true)", VECTORS)
                .hasSizeGreaterThanOrEqualTo(12);
        for (Path file : files) {
            JsonNode vector = JSON.readTree(file.toFile());
            JsonNode context = vector.get("TESTCTX");
            TrustStore trust = TrustStore.ofSignersDirectly(
                    Pem.parseCertificates(context.get("CERTIFICATE").asText().getBytes(StandardCharsets.US_ASCII)));
            SealVerification result = new SealVerifier(trust, SealVerifier.Policy.CACHET)
                    .verify(
                            vector.get("PREFIX").asText(),
                            Instant.parse(context.get("VALIDATIONCLOCK").asText()));
            JsonNode expected = vector.get("EXPECTEDRESULTS");
            String name = file.getFileName().toString();
            boolean authentic = result instanceof SealVerification.Authentic;
            assertThat(authentic)
                    .as(name)
                    .isEqualTo(expected.get("EXPECTEDVERIFY").asBoolean());
            Optional<ReasonCode> reason =
                    result.checks().stream().flatMap(c -> c.reason().stream()).findFirst();
            if (expected.hasNonNull("EXPECTEDREASON")) {
                assertThat(reason)
                        .as(name)
                        .hasValue(ReasonCode.valueOf(
                                expected.get("EXPECTEDREASON").asText()));
            } else {
                assertThat(reason).as(name).isEmpty();
            }
        }
    }

    /** Writes the vectors with a fresh test key. Run only on purpose: ECDSA signatures differ on every run. */
    private static void generate() throws Exception {
        Files.createDirectories(VECTORS);
        KeyPair rootKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate root = DevelopmentPki.rootCertificate(rootKeys, true, ISSUED.minusSeconds(86_400));
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        X509Certificate certificate = DevelopmentPki.officeCertificate(
                keys,
                "PAR",
                "Direction territoriale de Paris",
                root,
                rootKeys.getPrivate(),
                true,
                ISSUED.minusSeconds(86_400),
                "http://localhost/crl/root.crl");
        SignerKey key = new SignerKey("PAR", keys.getPrivate(), List.of(certificate, root));
        KeyPair otherKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate other = DevelopmentPki.officeCertificate(
                otherKeys,
                "LYO",
                "Direction territoriale de Lyon",
                root,
                rootKeys.getPrivate(),
                true,
                ISSUED.minusSeconds(86_400),
                "http://localhost/crl/root.crl");

        SealClaims claims = new SealClaims(
                "PAR",
                "7K2M-9QXH-4TWD-R8NB-5",
                "visa-validation",
                ISSUED,
                Optional.of(EXPIRES),
                new Holder("EL AMRANI", "Yasmine Fatima", "1994-07-21"),
                Map.of("vn", "FRA3019284", "vc", "salarié", "vd", "2026-10-14"));
        byte[] payload = SealClaimsCodec.encode(claims);
        byte[] kid = key.kid().bytes();

        write(
                "01-valid.json",
                "A valid visa-validation seal.",
                cose(protectedHeader(-7, kid), CBORObject.NewMap(), payload, keys),
                false,
                certificate,
                CLOCK,
                true,
                null);
        write(
                "02-valid-compressed.json",
                "A valid seal with the optional zlib layer.",
                cose(protectedHeader(-7, kid), CBORObject.NewMap(), payload, keys),
                true,
                certificate,
                CLOCK,
                true,
                null);
        byte[] badSignature = cose(protectedHeader(-7, kid), CBORObject.NewMap(), payload, keys);
        badSignature[badSignature.length - 5] ^= 0x01;
        write(
                "03-bad-signature.json",
                "One bit of the signature flipped.",
                badSignature,
                false,
                certificate,
                CLOCK,
                false,
                ReasonCode.SIGNATURE_INVALID);
        write(
                "04-wrong-kid.json",
                "The kid names the trusted certificate, but another key signed.",
                cose(protectedHeader(-7, kid), CBORObject.NewMap(), payload, otherKeys),
                false,
                certificate,
                CLOCK,
                false,
                ReasonCode.SIGNATURE_INVALID);
        write(
                "05-unknown-kid.json",
                "Signed and named by a key that the verifier does not trust.",
                cose(protectedHeader(-7, Kid.of(other).bytes()), CBORObject.NewMap(), payload, otherKeys),
                false,
                certificate,
                CLOCK,
                false,
                ReasonCode.UNKNOWN_KEY);
        write(
                "06-alg-none.json",
                "No alg at all in the headers.",
                cose(CBORObject.NewOrderedMap().Add(4, kid), CBORObject.NewMap(), payload, keys),
                false,
                certificate,
                CLOCK,
                false,
                ReasonCode.ALG_NOT_ALLOWED);
        write(
                "07-alg-hs256.json",
                "alg HS256 (5) in the protected header.",
                cose(protectedHeader(5, kid), CBORObject.NewMap(), payload, keys),
                false,
                certificate,
                CLOCK,
                false,
                ReasonCode.ALG_NOT_ALLOWED);
        write(
                "08-alg-unprotected.json",
                "alg ES256 only in the unprotected header.",
                cose(
                        CBORObject.NewOrderedMap().Add(4, kid),
                        CBORObject.NewOrderedMap().Add(1, -7),
                        payload,
                        keys),
                false,
                certificate,
                CLOCK,
                false,
                ReasonCode.ALG_NOT_ALLOWED);
        byte[] valid = cose(protectedHeader(-7, kid), CBORObject.NewMap(), payload, keys);
        String text = SealText.CACHET_PREFIX + new String(new Base45().encode(valid), StandardCharsets.US_ASCII);
        writeText(
                "09-truncated-base45.json",
                "The last character of the Base45 text is missing.",
                text.substring(0, text.length() - 1),
                valid,
                certificate,
                CLOCK,
                ReasonCode.CODE_BASE45_INVALID);
        byte[] brokenZlib = new byte[] {0x78, (byte) 0x9c, 0x01, 0x02, 0x03, 0x04, 0x05};
        writeText(
                "10-bad-zlib.json",
                "A zlib header followed by data that do not inflate.",
                SealText.CACHET_PREFIX + new String(new Base45().encode(brokenZlib), StandardCharsets.US_ASCII),
                brokenZlib,
                certificate,
                CLOCK,
                ReasonCode.CODE_ZLIB_INVALID);
        write(
                "11-expired.json",
                "A valid seal checked after its expiry.",
                valid,
                false,
                certificate,
                EXPIRES.plusSeconds(86_400),
                true,
                ReasonCode.EXPIRED);
        writeText(
                "12-wrong-prefix.json",
                "A valid seal under the EU DCC prefix HC1: instead of CT1:.",
                "HC1:" + text.substring(SealText.CACHET_PREFIX.length()),
                valid,
                certificate,
                CLOCK,
                ReasonCode.CODE_PREFIX_UNKNOWN);
        write(
                "13-issued-in-future.json",
                "A valid seal checked a day before its issue time.",
                valid,
                false,
                certificate,
                ISSUED.minusSeconds(86_400),
                false,
                ReasonCode.ISSUED_IN_FUTURE);
    }

    private static CBORObject protectedHeader(int alg, byte[] kid) {
        return CBORObject.NewOrderedMap().Add(1, alg).Add(4, kid);
    }

    private static byte[] cose(CBORObject protectedHeader, CBORObject unprotected, byte[] payload, KeyPair keys) {
        byte[] protectedBytes = protectedHeader.EncodeToBytes();
        byte[] signature = Es256.sign(keys.getPrivate(), CoseSign1.toBeSigned(protectedBytes, payload));
        return new CoseSign1(protectedBytes, protectedHeader, unprotected, payload, signature).encode();
    }

    private static void write(
            String name,
            String description,
            byte[] cose,
            boolean compress,
            X509Certificate certificate,
            Instant clock,
            boolean verifies,
            ReasonCode reason)
            throws Exception {
        byte[] layer = compress ? deflate(cose) : cose;
        String text = SealText.CACHET_PREFIX + new String(new Base45().encode(layer), StandardCharsets.US_ASCII);
        ObjectNode vector = vector(description, text, layer, cose, certificate, clock, verifies, reason);
        if (compress) {
            vector.put("COMPRESSED", HexFormat.of().formatHex(layer));
        }
        Files.writeString(VECTORS.resolve(name), JSON.writeValueAsString(vector) + "\n");
    }

    private static void writeText(
            String name,
            String description,
            String text,
            byte[] layer,
            X509Certificate certificate,
            Instant clock,
            ReasonCode reason)
            throws Exception {
        Files.writeString(
                VECTORS.resolve(name),
                JSON.writeValueAsString(vector(description, text, layer, layer, certificate, clock, false, reason))
                        + "\n");
    }

    private static ObjectNode vector(
            String description,
            String text,
            byte[] base45Layer,
            byte[] cose,
            X509Certificate certificate,
            Instant clock,
            boolean verifies,
            ReasonCode reason)
            throws Exception {
        ObjectNode vector = JSON.createObjectNode();
        vector.put("PREFIX", text);
        int colon = text.indexOf(':');
        vector.put("BASE45", text.substring(colon + 1));
        vector.put("COSE", HexFormat.of().formatHex(cose));
        try {
            vector.put("CBOR", HexFormat.of().formatHex(CoseSign1.parse(cose).payload()));
        } catch (SealFormatException e) {
            vector.putNull("CBOR");
        }
        ObjectNode context = vector.putObject("TESTCTX");
        context.put("VERSION", SealClaimsCodec.FORMAT_VERSION);
        context.put("DESCRIPTION", description);
        context.put("CERTIFICATE", Base64.getEncoder().encodeToString(certificate.getEncoded()));
        context.put("VALIDATIONCLOCK", clock.toString());
        ObjectNode expected = vector.putObject("EXPECTEDRESULTS");
        expected.put("EXPECTEDVERIFY", verifies);
        if (reason == null) {
            expected.putNull("EXPECTEDREASON");
        } else {
            expected.put("EXPECTEDREASON", reason.name());
        }
        return vector;
    }

    private static byte[] deflate(byte[] data) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 64];
        int length = deflater.deflate(buffer);
        deflater.end();
        return java.util.Arrays.copyOf(buffer, length);
    }
}
