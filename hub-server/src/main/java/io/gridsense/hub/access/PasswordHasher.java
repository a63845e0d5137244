package io.gridsense.hub.access;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** BCrypt password hashes (Bouncy Castle's OpenBSD-compatible "$2b$" format), with a random salt each. */
public final class PasswordHasher {

    private final SecureRandom random = new SecureRandom();
    private final int cost;

    /** cost is BCrypt's log2 work factor: 10 ≈ 60 ms on a laptop core; tests use the minimum, 4. */
    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost is 4..31");
        }
        this.cost = cost;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password, salt, cost);
    }

    /** Whether a password matches a stored hash; false (never an exception) for a malformed hash. */
    public boolean matches(char[] password, String hash) {
        try {
            return hash != null && OpenBSDBCrypt.checkPassword(hash, password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
