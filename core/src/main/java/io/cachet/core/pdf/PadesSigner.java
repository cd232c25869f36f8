package io.cachet.core.pdf;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.keys.SignerKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF as PAdES baseline B-T (ETSI EN 319 142-1), or B-B when built without a timestamp authority (tests of
 * forgeries only; issuance always timestamps): SubFilter {@code ETSI.CAdES.detached}, one SignerInfo with
 * the ESS signing-certificate-v2 attribute and no signing-time attribute (§5.3: the time comes from a timestamp),
 * the chain included, as a certification signature with DocMDP P=1 (no change allowed). The signature is added
 * as an incremental update, so the rendered PDF/A bytes stay untouched. For B-T, the SignerInfo carries the
 * unsigned attribute id-aa-signatureTimeStampToken: an RFC 3161 token over the SHA-256 of the signature value
 * (RFC 3161 Appendix A; ETSI EN 319 122-1 §5.3).
 */
public final class PadesSigner {
    /**
     * Room reserved for the CMS in /Contents (bytes), written as hex, so counted twice in the file. A P-256 chain of
     * two certificates plus a timestamp token is about 3 KB; 8 KB leaves room for a real TSA's longer chain.
     */
    static final int SIGNATURE_SIZE = 8 * 1024;

    private static final COSName SUBFILTER_CADES = COSName.getPDFName("ETSI.CAdES.detached");

    private final SignerKey key;
    private final Optional<TimestampAuthority> timestamps;

    /** PAdES B-T: every signature carries a signature timestamp from {@code timestamps}. */
    public PadesSigner(SignerKey key, TimestampAuthority timestamps) {
        this.key = requireNonNull(key, "key is null");
        this.timestamps = Optional.of(requireNonNull(timestamps, "timestamps is null"));
    }

    /** PAdES B-B, with no timestamp: what a forger without access to a trusted TSA makes (tests). */
    PadesSigner(SignerKey key) {
        this.key = requireNonNull(key, "key is null");
        this.timestamps = Optional.empty();
    }

    public byte[] sign(byte[] pdf, String signerName, String reason) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(SUBFILTER_CADES);
            signature.setName(signerName);
            signature.setReason(reason);
            // /M is informative only (a verifier takes time from a timestamp), but PDF viewers show it.
            signature.setSignDate(Calendar.getInstance(TimeZone.getTimeZone("UTC")));
            certifyWithNoChangesAllowed(document, signature);

            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(SIGNATURE_SIZE);
            document.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * SIGNATURE_SIZE + 4096);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent()));
            options.close();
            byte[] signed = out.toByteArray();
            Optional<PdfStructure.Failure> structure = PdfStructure.problem(signed, PdfStructure.revisionEnds(signed));
            if (structure.isPresent()) {
                throw CachetException.internal(
                        "the signed PDF would be read differently by different PDF readers: "
                                + structure.get().message(),
                        null);
            }
            return signed;
        } catch (IOException | GeneralSecurityException | CMSException | OperatorCreationException e) {
            throw CachetException.internal("cannot sign the PDF: " + e.getMessage(), e);
        }
    }

    /** DocMDP transform with P=1 (ISO 32000-1 §12.8.2.2): the document is certified and no change is permitted. */
    private static void certifyWithNoChangesAllowed(PDDocument document, PDSignature signature) {
        COSDictionary transformParameters = new COSDictionary();
        transformParameters.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
        transformParameters.setInt(COSName.P, 1);
        transformParameters.setName(COSName.V, "1.2");
        COSDictionary reference = new COSDictionary();
        reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
        reference.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
        reference.setItem(COSName.getPDFName("TransformParams"), transformParameters);
        COSArray references = new COSArray();
        references.add(reference);
        signature.getCOSObject().setItem(COSName.getPDFName("Reference"), references);

        COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
        COSDictionary permissions = new COSDictionary();
        permissions.setItem(COSName.DOCMDP, signature);
        catalog.setItem(COSName.PERMS, permissions);
        catalog.setNeedToBeUpdated(true);
    }

    private byte[] cms(InputStream content)
            throws IOException, GeneralSecurityException, CMSException, OperatorCreationException {
        byte[] signedBytes = content.readAllBytes();
        X509Certificate certificate = key.certificate();
        SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(
                        new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(
                        new WithoutSigningTime(new AttributeTable(signingCertificateV2(certificate))))
                .build(contentSigner(), certificate);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(signerInfo);
        generator.addCertificates(new JcaCertStore(key.chain()));
        CMSSignedData signed = generator.generate(new CMSProcessableByteArray(signedBytes), false);
        if (timestamps.isPresent()) {
            signed = withSignatureTimestamp(signed, timestamps.get());
        }
        return signed.getEncoded(ASN1Encoding.DER);
    }

    /** Signs with the key where it lives: in software, or inside its PKCS#11 token. */
    private org.bouncycastle.operator.ContentSigner contentSigner() throws OperatorCreationException {
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder("SHA256withECDSA");
        // In its PKCS#11 token when the key lives there; in software, Bouncy Castle (faster than SunEC).
        builder.setProvider(key.provider().orElseGet(io.cachet.core.crypto.Es256::bouncyCastleProvider));
        return builder.build(key.privateKey());
    }

    /** Adds id-aa-signatureTimeStampToken over SHA-256(signature value) as the one unsigned attribute. */
    private static CMSSignedData withSignatureTimestamp(CMSSignedData signed, TimestampAuthority timestamps)
            throws IOException, GeneralSecurityException {
        SignerInformation signer =
                signed.getSignerInfos().getSigners().iterator().next();
        byte[] imprint = Sha256.digest(signer.getSignature());
        byte[] token = timestamps.timestamp(imprint);
        Attribute attribute = new Attribute(
                PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(ASN1Primitive.fromByteArray(token)));
        SignerInformation timestamped =
                SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attribute));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(timestamped));
    }

    /** ESS signing-certificate-v2 (RFC 5035) with SHA-256 of the signer certificate and its issuer and serial. */
    static Attribute signingCertificateV2(X509Certificate certificate) throws GeneralSecurityException {
        byte[] hash = Sha256.digest(certificate.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(
                        certificate.getIssuerX500Principal().getEncoded()))),
                new BigInteger(1, certificate.getSerialNumber().toByteArray()));
        ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), hash, issuerSerial);
        return new Attribute(
                PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
    }

    /** The standard signed attributes (content type, message digest, algorithm protection) minus signing time. */
    private static final class WithoutSigningTime extends DefaultSignedAttributeTableGenerator {
        WithoutSigningTime(AttributeTable attributes) {
            super(attributes);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        protected Hashtable createStandardAttributeTable(Map parameters) {
            Hashtable table = super.createStandardAttributeTable(parameters);
            table.remove(CMSAttributes.signingTime);
            return table;
        }
    }

    static ASN1ObjectIdentifier signingCertificateV2Oid() {
        return PKCSObjectIdentifiers.id_aa_signingCertificateV2;
    }
}
