package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestKeys;
import io.cachet.core.report.Check;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.codec.binary.Base45;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds the seal verifier 12,000 random and mutated inputs. Whatever the input, it must answer with a typed result
 * (never throw), a rejection must carry a reason code, and no input other than the genuine seal may be authentic.
 * The seed is fixed so that a failure can be replayed; it is printed in the assertion message.
 */
class SealFuzzTest {
    private static final long SEED = 0x5EA1_CAC4E7L;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    static SealVerifier verifier;
    static String genuine;
    static byte[] genuineCose;

    @BeforeAll
    static void sign() {
        TestKeys keys = TestKeys.create(NOW.minusSeconds(86_400));
        genuine =
                new SealSigner(keys.signer()).sign(TestKeys.visaClaims(NOW.minusSeconds(60), NOW.plusSeconds(86_400)));
        genuineCose = new Base45()
                .decode(genuine.substring(SealText.CACHET_PREFIX.length()).getBytes(StandardCharsets.US_ASCII));
        verifier = new SealVerifier(keys.trust(), SealVerifier.Policy.CACHET);
    }

    @Test
    void theGenuineSealIsAuthentic() {
        assertThat(verifier.verify(genuine, NOW)).isInstanceOf(SealVerification.Authentic.class);
    }

    @Test
    void randomTextIsRejectedWithAReason() {
        Random random = new Random(SEED);
        for (int i = 0; i < 3_000; i++) {
            int length = random.nextInt(i < 2_900 ? 600 : 6_000);
            StringBuilder text = new StringBuilder(random.nextBoolean() ? SealText.CACHET_PREFIX : "");
            for (int j = 0; j < length; j++) {
                text.append(
                        random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(45)));
            }
            assertRejected(text.toString(), "random text #" + i);
        }
    }

    @Test
    void randomBytesBehindAValidPrefixAreRejectedWithAReason() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 3_000; i++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextInt(3) == 0) {
                bytes[0] = (byte) (random.nextBoolean() ? 0xD2 : 0x78);
            }
            assertRejected(encode(bytes), "random bytes #" + i);
        }
    }

    @Test
    void mutatedSealTextIsNeverAuthentic() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 3_000; i++) {
            char[] text = genuine.toCharArray();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                int at =
                        SealText.CACHET_PREFIX.length() + random.nextInt(text.length - SealText.CACHET_PREFIX.length());
                char replacement;
                // Compared with the genuine character, not the current one: a second mutation at the same place
                // must not restore the original (the text would then rightly verify).
                do {
                    replacement = ALPHABET.charAt(random.nextInt(45));
                } while (replacement == genuine.charAt(at));
                text[at] = replacement;
            }
            assertRejected(new String(text), "mutated text #" + i);
        }
    }

    @Test
    void mutatedCoseBytesAreNeverAuthentic() {
        Random random = new Random(SEED + 3);
        for (int i = 0; i < 3_000; i++) {
            byte[] cose = genuineCose.clone();
            switch (random.nextInt(4)) {
                case 0 -> cose[random.nextInt(cose.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> cose = java.util.Arrays.copyOf(cose, random.nextInt(cose.length));
                case 2 -> {
                    int at = random.nextInt(cose.length);
                    cose[at] = (byte) (cose[at] + 1 + random.nextInt(255));
                }
                default -> {
                    byte[] longer = java.util.Arrays.copyOf(cose, cose.length + 1 + random.nextInt(8));
                    random.nextBytes(longer);
                    System.arraycopy(cose, 0, longer, 0, cose.length);
                    cose = longer;
                }
            }
            assertRejected(encode(cose), "mutated COSE #" + i);
        }
    }

    private static String encode(byte[] bytes) {
        return SealText.CACHET_PREFIX + new String(new Base45().encode(bytes), StandardCharsets.US_ASCII);
    }

    private static void assertRejected(String text, String what) {
        SealVerification result = verifier.verify(text, NOW);
        assertThat(result).as("%s (seed %d): %s", what, SEED, text).isInstanceOf(SealVerification.Rejected.class);
        SealVerification.Rejected rejected = (SealVerification.Rejected) result;
        assertThat(rejected.checks())
                .as(what)
                .anyMatch(check -> check.outcome() == Check.Outcome.FAILED
                        && check.reason().equals(Optional.of(rejected.reason())));
    }
}
