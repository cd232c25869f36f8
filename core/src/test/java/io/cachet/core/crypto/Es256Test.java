package io.cachet.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.keys.DevelopmentPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** Both ECDSA engines produce raw r||s signatures that the other accepts, and reject altered ones. */
class Es256Test {
    private static final byte[] DATA = "Sig_structure".getBytes(StandardCharsets.US_ASCII);

    @Test
    void signaturesAreRawAndInteroperableBetweenEngines() {
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        for (Es256.Engine signer : Es256.Engine.values()) {
            byte[] signature = Es256.sign(signer, keys.getPrivate(), DATA);
            assertThat(signature).hasSize(64);
            for (Es256.Engine verifier : Es256.Engine.values()) {
                assertThat(Es256.verify(verifier, keys.getPublic(), DATA, signature))
                        .as("%s → %s", signer, verifier)
                        .isTrue();
                byte[] altered = signature.clone();
                altered[10] ^= 0x01;
                assertThat(Es256.verify(verifier, keys.getPublic(), DATA, altered))
                        .isFalse();
                assertThat(Es256.verify(verifier, keys.getPublic(), DATA, java.util.Arrays.copyOf(signature, 63)))
                        .isFalse();
            }
        }
    }

    @Test
    void aDerSignatureIsRejected() throws Exception {
        KeyPair keys = DevelopmentPki.newP256KeyPair();
        java.security.Signature der = java.security.Signature.getInstance("SHA256withECDSA");
        der.initSign(keys.getPrivate());
        der.update(DATA);

        assertThat(Es256.verify(keys.getPublic(), DATA, der.sign())).isFalse();
    }
}
