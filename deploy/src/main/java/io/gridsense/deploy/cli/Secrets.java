package io.gridsense.deploy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** The hub's token-signing secret, kept in a file readable only by its owner so tokens survive restarts. */
final class Secrets {

    private Secrets() {
    }

    static byte[] loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, secret);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the folder's permissions protect it
        }
        return secret;
    }

    static byte[] load(Path file) throws IOException {
        byte[] secret = Files.readAllBytes(file);
        if (secret.length < 16) {
            throw new IOException(file + ": a secret must be at least 16 bytes, this one has " + secret.length);
        }
        return secret;
    }
}
