package io.cachet.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA P-256 with SHA-256 in the COSE signature format: the raw {@code r||s} concatenation, 32 bytes each (RFC
 * 9053 §2.1), not the DER encoding that {@code SHA256withECDSA} produces. Both engines speak this format directly
 * (the JDK's "P1363" variant, Bouncy Castle's "PLAIN-ECDSA"), so no hand conversion — the most common HCERT bug —
 * is needed.
 *
 * <p>The engine is Bouncy Castle by default: on Java 17 it verifies several times faster than the JDK's SunEC
 * (docs/benchmarks.md). {@code -Dcachet.ecdsa=jdk} selects the JDK's.
 */
public final class Es256 {
    public static final int SIGNATURE_LENGTH = 64;

    /** Who computes the signatures. */
    public enum Engine {
        JDK("SHA256withECDSAinP1363Format", false),
        BOUNCY_CASTLE("SHA256withPLAIN-ECDSA", true);

        private final String algorithm;
        private final boolean bouncyCastle;

        Engine(String algorithm, boolean bouncyCastle) {
            this.algorithm = algorithm;
            this.bouncyCastle = bouncyCastle;
        }

        Signature signature() throws GeneralSecurityException {
            return bouncyCastle
                    ? Signature.getInstance(algorithm, BouncyCastle.PROVIDER)
                    : Signature.getInstance(algorithm);
        }
    }

    /**
     * Bouncy Castle's JCA provider (made on first use), for the CMS signatures and timestamps of PDFs: its ECDSA is
     * several times faster than the JDK's SunEC on Java 17 (docs/benchmarks.md). Not registered globally.
     */
    public static Provider bouncyCastleProvider() {
        return BouncyCastle.PROVIDER;
    }

    /**
     * Bouncy Castle's JCA provider, made on first use: building it registers every algorithm (some 400 ms of class
     * loading from its signed jars, which class-data sharing cannot archive), and verifying a seal never needs it.
     */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    private static final Engine DEFAULT =
            "jdk".equalsIgnoreCase(System.getProperty("cachet.ecdsa")) ? Engine.JDK : Engine.BOUNCY_CASTLE;

    private Es256() {}

    public static byte[] sign(PrivateKey key, byte[] data) {
        return sign(DEFAULT, key, data);
    }

    /** Signs inside the given provider (a PKCS#11 token): the key never leaves it. */
    public static byte[] sign(Provider provider, PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format", provider);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot sign with ES256 in " + provider.getName() + ": " + e.getMessage(), e);
        }
    }

    public static byte[] sign(Engine engine, PrivateKey key, byte[] data) {
        try {
            Signature signature = engine.signature();
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with ES256: " + e.getMessage(), e);
        }
    }

    /** True when {@code signature} is a valid 64-byte ES256 signature of {@code data} by a P-256 key. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        return verify(DEFAULT, key, data, signature);
    }

    public static boolean verify(Engine engine, PublicKey key, byte[] data, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH || !isP256(key)) {
            return false;
        }
        if (engine == Engine.BOUNCY_CASTLE) {
            return verifyWithCachedKey((ECPublicKey) key, data, signature);
        }
        try {
            Signature verifier = engine.signature();
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Bouncy Castle's lightweight ECDSA with the key's curve point kept between calls: BC attaches its
     * precomputed multiples to the point, so repeated verifications with the same office key skip that work.
     * The cache holds at most {@value #CACHED_KEYS} keys (a trust store has a handful).
     */
    private static boolean verifyWithCachedKey(ECPublicKey key, byte[] data, byte[] signature) {
        ECPublicKeyParameters parameters = KEYS.get(key);
        if (parameters == null) {
            try {
                parameters = p256Parameters(key);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (KEYS.size() >= CACHED_KEYS) {
                KEYS.clear();
            }
            KEYS.put(key, parameters);
        }
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(data, 0, data.length);
        byte[] digest = new byte[32];
        sha256.doFinal(digest, 0);
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, parameters);
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        try {
            return verifier.verifySignature(digest, r, s);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The key's point on P-256 itself (BC checks that it lies on the curve). Built directly rather than through
     * Bouncy Castle's JCA conversion utilities, whose set-up instantiates every named curve it knows (a cold start
     * cost of about 100 ms for a one-shot {@code cachet verify --code}).
     */
    private static ECPublicKeyParameters p256Parameters(ECPublicKey key) {
        ECDomainParameters domain = P256.DOMAIN;
        ECPoint point = domain.getCurve()
                .createPoint(key.getW().getAffineX(), key.getW().getAffineY());
        return new ECPublicKeyParameters(point, domain);
    }

    private static final class P256 {
        static final ECDomainParameters DOMAIN = new ECDomainParameters(CustomNamedCurves.getByName("secp256r1"));
    }

    private static final int CACHED_KEYS = 256;
    private static final Map<PublicKey, ECPublicKeyParameters> KEYS = new ConcurrentHashMap<>();

    static boolean isP256(PublicKey key) {
        return key instanceof ECPublicKey ec
                && ec.getParams().getCurve().getField().getFieldSize() == 256;
    }
}
