package io.cachet.core.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates the key pairs and certificates of a Cachet PKI: a root CA that signs office document-signing
 * certificates. All keys are ECDSA P-256. Certificates made with {@code test = true} say so in their subject, so a
 * test key can never be mistaken for a production one.
 */
public final class DevelopmentPki {
    public static final Duration ROOT_VALIDITY = Duration.ofDays(365L * 12);
    public static final Duration OFFICE_VALIDITY = Duration.ofDays(365L * 3);
    public static final Duration TIMESTAMP_VALIDITY = Duration.ofDays(365L * 10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private DevelopmentPki() {}

    public static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate ECDSA P-256 keys", e);
        }
    }

    /** A self-signed root CA certificate, used only to sign office certificates (and, later, lists). */
    public static X509Certificate rootCertificate(KeyPair root, boolean test, Instant notBefore) {
        X500Name subject = name(
                test ? "Cachet TEST Root CA - NOT FOR PRODUCTION" : "Cachet Root CA",
                test ? "Cachet (test)" : "Cachet",
                null);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serial(),
                            Date.from(notBefore),
                            Date.from(notBefore.plus(ROOT_VALIDITY)),
                            subject,
                            root.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(root.getPublic()));
            return sign(builder, root.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the root certificate", e);
        }
    }

    /**
     * A document-signing certificate for one office (territorial directorate), signed by the root: key usage
     * digitalSignature + nonRepudiation, a CRL distribution point, validity {@link #OFFICE_VALIDITY}.
     */
    public static X509Certificate officeCertificate(
            KeyPair office,
            String officeCode,
            String officeName,
            X509Certificate rootCertificate,
            PrivateKey rootKey,
            boolean test,
            Instant notBefore,
            String crlUri) {
        X500Name subject = name(
                (test ? "TEST ONLY - " : "") + officeName + " (" + officeCode + ")",
                test ? "OFII (test)" : "OFII",
                officeCode);
        DistributionPoint point = new DistributionPoint(
                new DistributionPointName(
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUri))),
                null,
                null);
        return endEntity(
                "the certificate of office " + officeCode,
                office,
                subject,
                rootCertificate,
                rootKey,
                notBefore,
                OFFICE_VALIDITY,
                builder -> builder.addExtension(
                                Extension.keyUsage,
                                true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                        .addExtension(
                                Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point
                                })));
    }

    /**
     * The certificate of a development home's local TEST timestamp authority, signed by the root: key usage
     * digitalSignature, the critical extended key usage id-kp-timeStamping alone (RFC 3161 §2.3), validity
     * {@link #TIMESTAMP_VALIDITY}.
     */
    public static X509Certificate timestampCertificate(
            KeyPair authority, X509Certificate rootCertificate, PrivateKey rootKey, Instant notBefore) {
        return endEntity(
                "the timestamp authority certificate",
                authority,
                name("Cachet TEST Timestamp Authority - NOT FOR PRODUCTION", "Cachet (test)", null),
                rootCertificate,
                rootKey,
                notBefore,
                TIMESTAMP_VALIDITY,
                builder -> builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(
                                Extension.extendedKeyUsage,
                                true,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping)));
    }

    /**
     * The certificate of a verifier's key, which signs verification report PDFs and nothing else, signed by the root:
     * key usage digitalSignature + nonRepudiation, the extended key usage {@link ReportSigners#PURPOSE} (not critical,
     * so that PDF tools that do not know it still validate the signature), no office code, the root's CRL as
     * distribution point (as office certificates), validity {@link #OFFICE_VALIDITY}.
     *
     * @param name the verifier's name (e.g. {@code Préfecture du Rhône}), part of its common name
     */
    public static X509Certificate verifierCertificate(
            KeyPair verifier,
            String name,
            X509Certificate rootCertificate,
            PrivateKey rootKey,
            boolean test,
            Instant notBefore,
            String crlUri) {
        DistributionPoint point = new DistributionPoint(
                new DistributionPointName(
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUri))),
                null,
                null);
        return endEntity(
                "the verifier certificate",
                verifier,
                name(
                        (test ? "TEST ONLY - " : "") + "Cachet verification reports - " + name,
                        test ? "Cachet (test)" : "Cachet",
                        null),
                rootCertificate,
                rootKey,
                notBefore,
                OFFICE_VALIDITY,
                builder -> builder.addExtension(
                                Extension.keyUsage,
                                true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                        .addExtension(
                                Extension.extendedKeyUsage,
                                false,
                                new ExtendedKeyUsage(KeyPurposeId.getInstance(ReportSigners.PURPOSE)))
                        .addExtension(
                                Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point
                                })));
    }

    /** What one kind of end-entity certificate adds to the common part. */
    private interface Extensions {
        X509v3CertificateBuilder add(X509v3CertificateBuilder builder) throws java.io.IOException;
    }

    /**
     * An end-entity certificate issued by the root: not a CA, with subject and authority key identifiers, valid
     * from {@code notBefore} for {@code validity}, plus what {@code extensions} adds.
     */
    private static X509Certificate endEntity(
            String what,
            KeyPair subjectKeys,
            X500Name subject,
            X509Certificate rootCertificate,
            PrivateKey rootKey,
            Instant notBefore,
            Duration validity,
            Extensions extensions) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            rootCertificate,
                            serial(),
                            Date.from(notBefore),
                            Date.from(notBefore.plus(validity)),
                            subject,
                            subjectKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            utils.createSubjectKeyIdentifier(subjectKeys.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            utils.createAuthorityKeyIdentifier(rootCertificate));
            return sign(extensions.add(builder), rootKey);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create " + what, e);
        }
    }

    private static X500Name name(String commonName, String organisation, String unit) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR");
        builder.addRDN(BCStyle.O, organisation);
        if (unit != null) {
            builder.addRDN(BCStyle.OU, unit);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }
    }
}
