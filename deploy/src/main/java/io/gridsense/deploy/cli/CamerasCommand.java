package io.gridsense.deploy.cli;

import picocli.CommandLine.Command;

/** {@code gridsense cameras}: find ONVIF cameras on a network and check what a camera URL delivers. */
@Command(name = "cameras", mixinStandardHelpOptions = true,
        description = {"Camera tools for installing an edge box: 'discover' lists the ONVIF cameras that answer on a",
            "network interface, 'probe URL' opens one stream and prints what it carries. Credentials are never printed."},
        subcommands = {CamerasDiscoverCommand.class, CamerasProbeCommand.class})
public final class CamerasCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("gridsense cameras: give a subcommand, 'discover' or 'probe URL' (see --help)");
    }
}
