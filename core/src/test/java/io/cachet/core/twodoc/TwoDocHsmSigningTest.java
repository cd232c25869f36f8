package io.cachet.core.twodoc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.Pkcs11Token;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.testing.SoftHsmTokens;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A 2D-Doc signed by an office key that lives in a real SoftHSM2 token (installed by .ci/run): signing goes through
 * the token's provider, as the seal's does, and the code verifies with the key's certificate.
 */
class TwoDocHsmSigningTest {
    private static final String PIN = "314159";

    @Test
    void aKeyInATokenSignsA2dDocThatVerifies() throws Exception {
        Path config = SoftHsmTokens.newToken("twodoc", PIN, "CachetTwoDoc");
        Pkcs11Token token = Pkcs11Token.open(config, PIN.toCharArray());
        KeyPair rootKeys = DevelopmentPki.newP256KeyPair();
        Instant notBefore = Instant.now().minusSeconds(60);
        X509Certificate root = DevelopmentPki.rootCertificate(rootKeys, true, notBefore);
        KeyPair keys = token.generateP256KeyPair();
        X509Certificate certificate = DevelopmentPki.officeCertificate(
                keys, "PAR", "Paris", root, rootKeys.getPrivate(), true, notBefore, "http://localhost/crl");
        token.store("PAR-twodoc", keys.getPrivate(), List.of(certificate, root));
        SignerKey inToken = token.signerKey("PAR", "PAR-twodoc");
        assertThat(inToken.privateKey().getEncoded())
                .as("the private key is not extractable")
                .isNull();

        TwoDocSigner signer = new TwoDocSigner(inToken, "FR00", "0001");
        String code = TwoDocEncoder.encode(
                new TwoDocContent(
                        new TwoDocHeader(
                                "FR00",
                                "0001",
                                Optional.of(LocalDate.of(2026, 11, 20)),
                                Optional.of(LocalDate.of(2026, 11, 20)),
                                "Z5",
                                "01",
                                "FR"),
                        List.of(TwoDocField.of("01", "7K2M9QXH4TWDR8NB5"), TwoDocField.of("62", "EL AMRANI"))),
                signer);

        assertThat(TwoDocSignature.verify(TwoDocDecoder.decode(code), certificate))
                .isEqualTo(new TwoDocVerification.Valid());
    }
}
