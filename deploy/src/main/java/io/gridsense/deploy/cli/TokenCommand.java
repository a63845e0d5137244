package io.gridsense.deploy.cli;

import io.gridsense.hub.access.Role;
import io.gridsense.hub.access.TokenService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridsense token}: issues a signed, expiring access token with the hub's secret (for agents and pages). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Prints a signed access token for the hub's API: an agent's upload token, an operator's",
            "page token or a gridworker's phone token. It expires after --ttl."})
public final class TokenCommand implements Callable<Integer> {

    @Option(names = "--secret-file", required = true, description = "the hub's secret file (the hub's --secret-file or --data/hub.secret)")
    Path secretFile;

    @Option(names = "--role", required = true, description = "one of: ${COMPLETION-CANDIDATES}")
    Role role;

    @Option(names = "--subject", required = true, description = "who it is for: an agent id, a worker id or an operator name")
    String subject;

    @Option(names = "--ttl", defaultValue = "P30D", description = "validity as an ISO-8601 duration; default ${DEFAULT-VALUE}")
    Duration ttl;

    @Override
    public Integer call() throws Exception {
        TokenService tokens = new TokenService(Secrets.load(secretFile), Clock.systemUTC());
        System.out.println(tokens.issue(subject, role, ttl));
        return 0;
    }
}
