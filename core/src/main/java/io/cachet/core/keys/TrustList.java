package io.cachet.core.keys;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.crypto.Es256;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A signed trust list: the document-signing certificates verifiers accept, with their office, validity and status,
 * a sequence number and an expiry, signed by the root. Verifiers pin only the root certificate; the list tells
 * them everything else, and they accept it only when its signature checks against that root and it has not
 * expired.
 *
 * <p>Format: a JWS in compact serialisation (RFC 7515 §7.1) with {@code alg} ES256 and {@code typ}
 * {@code cachet-trust-list+json}; the payload is the JSON described in docs/keys.md.
 */
public final class TrustList {
    public static final String TYPE = "cachet-trust-list+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /**
     * One signer as listed. {@code revokedSince} and {@code reason} only for revoked keys; {@code twoDocCaId}: the 2D-Doc
     * certification authority its certificate signs 2D-Docs under (with the certificate id derived from its kid).
     */
    public record Entry(
            X509Certificate certificate,
            String office,
            String state,
            Optional<Instant> revokedSince,
            Optional<String> reason,
            Optional<String> twoDocCaId) {
        /** An entry without a 2D-Doc authority. */
        public Entry(
                X509Certificate certificate,
                String office,
                String state,
                Optional<Instant> revokedSince,
                Optional<String> reason) {
            this(certificate, office, state, revokedSince, reason, Optional.empty());
        }

        public Entry {
            requireNonNull(twoDocCaId, "twoDocCaId is null");
            requireNonNull(certificate, "certificate is null");
            requireNonNull(office, "office is null");
            requireNonNull(state, "state is null");
            requireNonNull(revokedSince, "revokedSince is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * A list that passed its checks, and the trust it gives: its signers under the pinned root, and the timestamp
     * trust anchors it names.
     */
    /**
     * A list that verified.
     *
     * @param refresh how often a verifier following the list should fetch it again, as the list says; empty for a
     *     list exported before lists said it (the verifier's own setting then applies)
     */
    public record Accepted(
            long sequence,
            Instant issuedAt,
            Instant expiresAt,
            List<Entry> entries,
            TrustStore trust,
            Optional<Duration> refresh) {
        /** How old the list is at {@code now}. */
        public Duration age(Instant now) {
            return Duration.between(issuedAt, now);
        }
    }

    /** How often verifiers fetch the list again unless the exporter says otherwise: a new office verifies within it. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    /** The shortest refresh a list may ask for: more often would only load the server that publishes it. */
    public static final Duration MIN_REFRESH = Duration.ofSeconds(10);

    /** The longest refresh a list may ask for: a revoked key must reach verifiers within a day. */
    public static final Duration MAX_REFRESH = Duration.ofDays(1);

    private TrustList() {}

    /** Signs a list with the root key. */
    public static String sign(SignerKey root, long sequence, Instant issuedAt, Duration validity, List<Entry> entries) {
        return sign(root, sequence, issuedAt, validity, entries, List.of());
    }

    /** Signs a list with the root key, naming the timestamp trust anchors verifiers need (trust/tsa/). */
    public static String sign(
            SignerKey root,
            long sequence,
            Instant issuedAt,
            Duration validity,
            List<Entry> entries,
            List<X509Certificate> timestampAnchors) {
        return sign(root, sequence, issuedAt, validity, entries, timestampAnchors, List.of());
    }

    /**
     * Signs a list with the root key, naming the timestamp trust anchors verifiers need (trust/tsa/) and the
     * verifiers whose signed reports are to be accepted (trust/verifiers/).
     */
    public static String sign(
            SignerKey root,
            long sequence,
            Instant issuedAt,
            Duration validity,
            List<Entry> entries,
            List<X509Certificate> timestampAnchors,
            List<X509Certificate> verifiers) {
        return sign(root, sequence, issuedAt, validity, entries, timestampAnchors, verifiers, DEFAULT_REFRESH);
    }

    /**
     * Signs a list with the root key, as {@link #sign(SignerKey, long, Instant, Duration, List, List, List)}, telling
     * verifiers that follow it to fetch it again every {@code refresh} (between {@link #MIN_REFRESH} and
     * {@link #MAX_REFRESH}).
     */
    public static String sign(
            SignerKey root,
            long sequence,
            Instant issuedAt,
            Duration validity,
            List<Entry> entries,
            List<X509Certificate> timestampAnchors,
            List<X509Certificate> verifiers,
            Duration refresh) {
        checkRefresh(refresh);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("version", 1);
        payload.put("sequence", sequence);
        payload.put("issuer", root.certificate().getSubjectX500Principal().getName());
        payload.put("issuedAt", issuedAt.toString());
        payload.put("expiresAt", issuedAt.plus(validity).toString());
        payload.put("refreshSeconds", refresh.toSeconds());
        ArrayNode signers = payload.putArray("signers");
        for (Entry entry : entries) {
            ObjectNode node = signers.addObject();
            node.put("kid", Kid.of(entry.certificate()).hex());
            node.put("office", entry.office());
            node.put("subject", entry.certificate().getSubjectX500Principal().getName());
            node.put("notBefore", entry.certificate().getNotBefore().toInstant().toString());
            node.put("notAfter", entry.certificate().getNotAfter().toInstant().toString());
            node.put("state", entry.state());
            entry.revokedSince().ifPresent(since -> node.put("revokedSince", since.toString()));
            entry.reason().ifPresent(reason -> node.put("revocationReason", reason));
            entry.twoDocCaId().ifPresent(caId -> {
                ObjectNode twoDoc = node.putObject("twodoc");
                twoDoc.put("caId", caId);
                twoDoc.put(
                        "certificateId",
                        Kid.of(entry.certificate()).hex().substring(0, 4).toUpperCase(java.util.Locale.ROOT));
            });
            node.put("certificate", base64(entry.certificate()));
        }
        ArrayNode authorities = payload.putArray("timestampAnchors");
        for (X509Certificate anchor : timestampAnchors) {
            ObjectNode node = authorities.addObject();
            node.put("subject", anchor.getSubjectX500Principal().getName());
            node.put("notAfter", anchor.getNotAfter().toInstant().toString());
            node.put("certificate", base64(anchor));
        }
        ArrayNode reportSigners = payload.putArray("verifiers");
        for (X509Certificate verifier : verifiers) {
            ObjectNode node = reportSigners.addObject();
            node.put("subject", verifier.getSubjectX500Principal().getName());
            node.put("notAfter", verifier.getNotAfter().toInstant().toString());
            node.put("certificate", base64(verifier));
        }
        String header =
                B64.encodeToString(("{\"alg\":\"ES256\",\"typ\":\"" + TYPE + "\"}").getBytes(StandardCharsets.UTF_8));
        String body;
        try {
            body = B64.encodeToString(JSON.writeValueAsBytes(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String signingInput = header + "." + body;
        // RFC 7518 §3.4: an ES256 JWS signature is r||s, exactly as in COSE.
        byte[] signature = Es256.sign(root.privateKey(), signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signature) + "\n";
    }

    /**
     * Accepts a list only when it is a well-formed ES256 JWS signed by {@code pinnedRoot} and not expired at
     * {@code now}; signers are admitted only when the root issued their certificate.
     */
    public static Accepted read(String text, X509Certificate pinnedRoot, Instant now) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw CachetException.invalidInput("the trust list is not a JWS (three dot-separated parts)");
        }
        JsonNode header;
        JsonNode payload;
        byte[] signature;
        try {
            header = JSON.readTree(B64D.decode(parts[0]));
            payload = JSON.readTree(B64D.decode(parts[1]));
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw CachetException.invalidInput("the trust list is not readable: " + e.getMessage());
        }
        if (!"ES256".equals(header.path("alg").asText())
                || !TYPE.equals(header.path("typ").asText())) {
            throw CachetException.invalidInput("the trust list header must say alg ES256 and typ " + TYPE);
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!Es256.verify(pinnedRoot.getPublicKey(), signingInput, signature)) {
            throw CachetException.invalidInput(
                    "the trust list's signature does not verify against the pinned root certificate "
                            + pinnedRoot.getSubjectX500Principal().getName()
                            + ": it was altered or comes from another root");
        }
        Instant issuedAt;
        Instant expiresAt;
        try {
            issuedAt = Instant.parse(payload.path("issuedAt").asText());
            expiresAt = Instant.parse(payload.path("expiresAt").asText());
        } catch (RuntimeException e) {
            throw CachetException.invalidInput("the trust list has no valid issuedAt/expiresAt");
        }
        if (now.isAfter(expiresAt)) {
            throw CachetException.invalidInput("the trust list #"
                    + payload.path("sequence").asLong() + " expired at " + expiresAt + " ("
                    + Duration.between(expiresAt, now).toDays() + " days ago): fetch a current one from the issuer");
        }
        List<Entry> entries = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        List<Revocation> revocations = new ArrayList<>();
        java.util.Map<Kid, String> twoDocCaIds = new java.util.LinkedHashMap<>();
        for (JsonNode node : payload.path("signers")) {
            try {
                X509Certificate certificate = Pem.parseCertificates(
                                node.path("certificate").asText().getBytes(StandardCharsets.US_ASCII))
                        .get(0);
                Optional<Instant> since = node.hasNonNull("revokedSince")
                        ? Optional.of(Instant.parse(node.get("revokedSince").asText()))
                        : Optional.empty();
                Optional<String> reason =
                        Optional.ofNullable(node.path("revocationReason").textValue());
                Optional<String> twoDocCaId = twoDocCaId(node, certificate);
                entries.add(new Entry(
                        certificate,
                        node.path("office").asText(),
                        node.path("state").asText(),
                        since,
                        reason,
                        twoDocCaId));
                twoDocCaId.ifPresent(caId -> twoDocCaIds.put(Kid.of(certificate), caId));
                certificates.add(certificate);
                since.ifPresent(moment ->
                        revocations.add(new Revocation(Kid.of(certificate), moment, reason.orElse("unspecified"))));
            } catch (CertificateException | RuntimeException e) {
                throw CachetException.invalidInput("the trust list has an unreadable signer entry: " + e.getMessage());
            }
        }
        List<X509Certificate> timestampAnchors = certificates(payload, "timestampAnchors", "timestamp anchor");
        List<X509Certificate> verifiers = certificates(payload, "verifiers", "verifier");
        TrustStore trust = TrustStore.of(List.of(pinnedRoot), certificates)
                .withRevocations(revocations)
                .withTimestampAnchors(timestampAnchors)
                .withVerifiers(verifiers)
                .withTwoDocCaIds(twoDocCaIds);
        return new Accepted(payload.path("sequence").asLong(), issuedAt, expiresAt, entries, trust, refresh(payload));
    }

    /**
     * A signer's {@code twodoc} object: its authority id, and the certificate id, which must be the one derived from
     * the certificate's kid (a list naming another would make verifiers look for the wrong certificate).
     */
    private static Optional<String> twoDocCaId(JsonNode node, X509Certificate certificate) {
        JsonNode twoDoc = node.path("twodoc");
        if (twoDoc.isMissingNode() || twoDoc.isNull()) {
            return Optional.empty();
        }
        String caId = twoDoc.path("caId").asText("");
        String certificateId = twoDoc.path("certificateId").asText("");
        String derived = Kid.of(certificate).hex().substring(0, 4).toUpperCase(java.util.Locale.ROOT);
        if (!caId.matches("[A-Z]{2}[A-Z0-9]{2}") || !certificateId.equals(derived)) {
            throw new IllegalArgumentException(
                    "its twodoc entry must name a certification authority id ([A-Z]{2}[A-Z0-9]{2})"
                            + " and the certificate id " + derived + " derived from its kid");
        }
        return Optional.of(caId);
    }

    /** The list's {@code refreshSeconds}: absent in lists made before it existed; otherwise a whole number in range. */
    private static Optional<Duration> refresh(JsonNode payload) {
        JsonNode field = payload.path("refreshSeconds");
        if (field.isMissingNode()) {
            return Optional.empty();
        }
        if (!field.canConvertToLong() || !field.isIntegralNumber()) {
            throw CachetException.invalidInput("the trust list's refreshSeconds must be a whole number of seconds");
        }
        Duration refresh = Duration.ofSeconds(field.asLong());
        try {
            checkRefresh(refresh);
        } catch (IllegalArgumentException e) {
            throw CachetException.invalidInput("the trust list's " + e.getMessage());
        }
        return Optional.of(refresh);
    }

    private static void checkRefresh(Duration refresh) {
        if (refresh.compareTo(MIN_REFRESH) < 0 || refresh.compareTo(MAX_REFRESH) > 0) {
            throw new IllegalArgumentException("refresh interval must be between " + MIN_REFRESH.toSeconds() + " s and "
                    + MAX_REFRESH.toSeconds() + " s, was " + refresh.toSeconds() + " s");
        }
    }

    /** The certificates of the payload's array {@code field}, each entry's {@code certificate}; any unreadable is refused. */
    private static List<X509Certificate> certificates(JsonNode payload, String field, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (JsonNode node : payload.path(field)) {
            try {
                certificates.add(
                        Pem.parseCertificates(node.path("certificate").asText().getBytes(StandardCharsets.US_ASCII))
                                .get(0));
            } catch (CertificateException | RuntimeException e) {
                throw CachetException.invalidInput(
                        "the trust list has an unreadable " + what + " entry: " + e.getMessage());
            }
        }
        return certificates;
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
