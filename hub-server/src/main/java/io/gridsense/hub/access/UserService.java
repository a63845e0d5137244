package io.gridsense.hub.access;

import io.gridsense.hub.db.Database;
import io.gridsense.hub.grid.GridDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates users and logs them in: a checked password gives a signed token carrying role and grid scope. */
public final class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    /** Compared against when the user does not exist, so both paths cost one bcrypt check (no user enumeration). */
    private final String dummyHash;

    private final Database db;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final GridDirectory grids;
    private final Duration tokenTtl;
    private final Clock clock;

    public UserService(Database db, UserRepository users, PasswordHasher hasher, TokenService tokens, GridDirectory grids,
                       Duration tokenTtl, Clock clock) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.grids = grids;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
        this.dummyHash = hasher.hash("not-a-password".toCharArray());
    }

    /** The outcome of a successful login. */
    public record Login(String token, User user) {
    }

    /** Creates or replaces a user; an operator or mediator needs a scope grid that exists (null: whole hub). */
    public User save(User u, char[] password) {
        if (u.username() == null || !u.username().matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IllegalArgumentException("user names are 1..64 of [A-Za-z0-9_.@-]");
        }
        if (password == null || password.length < 8) {
            throw new IllegalArgumentException("a password has at least 8 characters");
        }
        if (u.role() == Role.AGENT) {
            throw new IllegalArgumentException("agents use issued tokens, not logins");
        }
        if (u.scopeCode() != null && grids.byCode(u.scopeCode()).isEmpty()) {
            throw new IllegalArgumentException("no grid " + u.scopeCode());
        }
        String hash = hasher.hash(password);
        db.tx(c -> {
            users.upsert(c, u, hash, clock.instant());
            return null;
        });
        log.info("event=user_saved user={} role={} scope={} level={}", u.username(), u.role(), u.scopeCode(), u.level());
        return u;
    }

    /** A token for the right password of an enabled user; empty otherwise (the caller says nothing more). */
    public Optional<Login> login(String username, char[] password) {
        Optional<UserRepository.Stored> s = username == null ? Optional.empty() : db.read(c -> users.find(c, username));
        boolean ok = hasher.matches(password, s.map(UserRepository.Stored::passwordHash).orElse(dummyHash));
        if (s.isEmpty() || !ok || s.get().user().disabled()) {
            return Optional.empty();
        }
        User u = s.get().user();
        String scope = u.role() == Role.ADMIN ? null : u.scopeCode();
        return Optional.of(new Login(tokens.issue(u.username(), u.role(), scope, tokenTtl), u));
    }
}
