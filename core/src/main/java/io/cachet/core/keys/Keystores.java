package io.cachet.core.keys;

import io.cachet.core.CachetException;
import io.cachet.core.files.SecureFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** PKCS#12 keystores holding one private key and its chain, written with mode 0600. */
public final class Keystores {
    private Keystores() {}

    public static void write(Path file, String alias, PrivateKey key, List<X509Certificate> chain, char[] passphrase) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, passphrase, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, passphrase);
            SecureFiles.writeSecret(file, bytes.toByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw CachetException.internal("cannot write keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the key entry {@code alias}; a wrong passphrase or a missing file is a clear configuration error. */
    public static SignerKey read(Path file, String alias, char[] passphrase) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, passphrase);
        } catch (NoSuchFileException e) {
            throw CachetException.configuration("keystore not found: " + file + " (run `cachet init`)");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw CachetException.configuration("wrong passphrase for keystore " + file
                        + ": check CACHET_KEYSTORE_PASSWORD or the home's passphrase file");
            }
            throw CachetException.configuration("cannot read keystore " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw CachetException.configuration("cannot read keystore " + file + ": " + e.getMessage(), e);
        }
        try {
            if (!(store.getKey(alias, passphrase) instanceof PrivateKey key)) {
                throw CachetException.configuration("keystore " + file + " has no private key named '" + alias + "'");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return new SignerKey(alias, key, chain);
        } catch (GeneralSecurityException e) {
            throw CachetException.configuration("cannot read the key in " + file + ": " + e.getMessage(), e);
        }
    }
}
