package io.cachet.core.home;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The home's index of offices and their document-signing keys ({@code keys/keyring.json}): which keystore holds
 * which key, which key each office signs with now, which keys were retired by rotation or revoked. Keys are never
 * deleted: a retired key keeps verifying what it signed.
 */
public record Keyring(List<Office> offices, List<Signer> signers) {
    public static final String FILE = "keyring.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public record Office(String code, String name) {
        public Office {
            requireNonNull(code, "code is null");
            requireNonNull(name, "name is null");
        }
    }

    public enum State {
        /** The office signs with this key now. */
        ACTIVE,
        /** Replaced by a newer key; still verifies what it signed. */
        RETIRED
    }

    /**
     * @param keystore the PKCS#12 file, relative to {@code keys/}
     * @param revokedSince when set, what this key signed from then on is not authentic
     * @param pkcs11Config when set, the key lives in the PKCS#11 token this SunPKCS11 file describes, under
     *     {@code alias}; {@code keystore} is then {@code pkcs11}
     */
    public record Signer(
            String kid,
            String office,
            String keystore,
            String alias,
            State state,
            Instant notAfter,
            Instant revokedSince,
            String revocationReason,
            String pkcs11Config) {
        public Signer {
            requireNonNull(kid, "kid is null");
            requireNonNull(office, "office is null");
            requireNonNull(keystore, "keystore is null");
            requireNonNull(alias, "alias is null");
            requireNonNull(state, "state is null");
            requireNonNull(notAfter, "notAfter is null");
        }

        public Optional<Instant> revocation() {
            return Optional.ofNullable(revokedSince);
        }

        Signer withState(State newState) {
            return new Signer(
                    kid, office, keystore, alias, newState, notAfter, revokedSince, revocationReason, pkcs11Config);
        }

        Signer revoked(Instant since, String reason) {
            return new Signer(kid, office, keystore, alias, state, notAfter, since, reason, pkcs11Config);
        }
    }

    public Keyring {
        offices = List.copyOf(offices);
        signers = List.copyOf(signers);
    }

    static Keyring load(CachetHome home) {
        Path file = home.keysDirectory().resolve(FILE);
        try {
            return JSON.readValue(file.toFile(), Keyring.class);
        } catch (IOException e) {
            throw CachetException.configuration(
                    "cannot read " + file + ": " + e.getMessage()
                            + " (restore it from a backup; keys are never listed anywhere else)",
                    e);
        }
    }

    void save(CachetHome home) {
        try {
            SecureFiles.writeSecret(home.keysDirectory().resolve(FILE), JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw CachetException.internal("cannot write the keyring: " + e.getMessage(), e);
        }
    }

    public Optional<Office> office(String code) {
        return offices.stream().filter(office -> office.code().equals(code)).findFirst();
    }

    public Optional<Signer> signer(String kid) {
        return signers.stream().filter(signer -> signer.kid().equals(kid)).findFirst();
    }

    public Optional<Signer> activeSigner(String office) {
        return signers.stream()
                .filter(signer -> signer.office().equals(office) && signer.state() == State.ACTIVE)
                .findFirst();
    }

    Keyring withOffice(Office office) {
        List<Office> updated = new ArrayList<>(offices);
        updated.add(office);
        return new Keyring(updated, signers);
    }

    Keyring withSigner(Signer added) {
        List<Signer> updated = new ArrayList<>();
        for (Signer signer : signers) {
            updated.add(
                    signer.office().equals(added.office()) && signer.state() == State.ACTIVE
                            ? signer.withState(State.RETIRED)
                            : signer);
        }
        updated.add(added);
        return new Keyring(offices, updated);
    }

    Keyring replacing(Signer replacement) {
        List<Signer> updated = new ArrayList<>();
        for (Signer signer : signers) {
            updated.add(signer.kid().equals(replacement.kid()) ? replacement : signer);
        }
        return new Keyring(offices, updated);
    }
}
