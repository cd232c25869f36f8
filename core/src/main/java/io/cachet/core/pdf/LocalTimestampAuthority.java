package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.keys.SignerKey;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 timestamp authority running inside Cachet with the development home's TEST key (certificate with the
 * critical extended key usage id-kp-timeStamping, issued by the home's root). Its time is the given clock. For
 * development homes and tests only: its certificate says TEST in its subject.
 */
public final class LocalTimestampAuthority implements TimestampAuthority {
    /** Policy of the test authority, under the example arc (ITU-T X.660 §A.2.3: 2.999 is for examples). */
    public static final ASN1ObjectIdentifier TEST_POLICY = new ASN1ObjectIdentifier("2.999.3161.1");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignerKey key;
    private final Clock clock;
    private final TimeStampTokenGenerator tokens;

    public LocalTimestampAuthority(SignerKey key, Clock clock) {
        this.key = requireNonNull(key, "key is null");
        this.clock = requireNonNull(clock, "clock is null");
        try {
            DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder()
                    .build()
                    .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            // ESS signing-certificate-v2 with SHA-256 (RFC 5816), so the token names its certificate unambiguously.
            this.tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder()
                            .setProvider(io.cachet.core.crypto.Es256.bouncyCastleProvider())
                            .build("SHA256withECDSA", key.privateKey(), key.certificate()),
                    sha256,
                    TEST_POLICY);
            tokens.addCertificates(new JcaCertStore(java.util.List.of(key.certificate())));
        } catch (OperatorCreationException | CertificateEncodingException | TSPException e) {
            throw CachetException.configuration("cannot set up the local timestamp authority: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] timestamp(byte[] sha256) {
        TimeStampRequest request = request(sha256);
        return token(request);
    }

    /** Answers an encoded TimeStampReq with an encoded TimeStampResp, as an HTTP authority would (RFC 3161 §3.4). */
    public byte[] respond(byte[] encodedRequest) {
        try {
            TimeStampRequest request = new TimeStampRequest(encodedRequest);
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            TimeStampResponse response = responses.generate(request, serial(), Date.from(clock.instant()));
            return response.getEncoded(ASN1Encoding.DER);
        } catch (IOException | TSPException e) {
            throw CachetException.invalidInput("not a timestamp request: " + e.getMessage());
        }
    }

    @Override
    public String description() {
        return "the local TEST timestamp authority ("
                + key.certificate().getSubjectX500Principal().getName() + ")";
    }

    static TimeStampRequest request(byte[] sha256) {
        org.bouncycastle.tsp.TimeStampRequestGenerator generator = new org.bouncycastle.tsp.TimeStampRequestGenerator();
        generator.setCertReq(true);
        return generator.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(63, RANDOM));
    }

    private byte[] token(TimeStampRequest request) {
        try {
            synchronized (tokens) {
                return tokens.generate(request, serial(), Date.from(clock.instant()))
                        .toCMSSignedData()
                        .getEncoded(ASN1Encoding.DER);
            }
        } catch (IOException | TSPException e) {
            throw CachetException.internal("the local timestamp authority failed: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }
}
