package io.gridsense.deploy;

import io.gridsense.deploy.cli.AgentCommand;
import io.gridsense.deploy.cli.BenchCommand;
import io.gridsense.deploy.cli.CamerasCommand;
import io.gridsense.deploy.cli.EvalCommand;
import io.gridsense.deploy.cli.ScenesCommand;
import io.gridsense.deploy.cli.TrainCommand;
import io.gridsense.deploy.cli.DemoCommand;
import io.gridsense.deploy.cli.HubCommand;
import io.gridsense.deploy.cli.TokenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./gridsense} command line: the demo, and the hub and agent as separate processes. */
@Command(name = "gridsense",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Camera eyes for community grid governance (网格化社会治理): edge agents detect gatherings and fights,",
            "the hub turns alerts into grid incidents and pushes them to the nearest gridworkers."},
        subcommands = {DemoCommand.class, HubCommand.class, AgentCommand.class, CamerasCommand.class, TokenCommand.class,
            ScenesCommand.class, EvalCommand.class, TrainCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // HiveMQ's jar carries its own logback.xml; name ours explicitly so logback does not pick between them
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "gridsense-logback.xml");
        }
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        int code = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        // a setting that does not make sense: one line that names it, no stack trace
                        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version Maven wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gridsense " + version()};
        }
    }

    /** This build's version, or "dev" when run from classes. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
