package clearml.sandbox.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The launcher of {@code clearml-sandbox.jar}: {@code up} starts a seeded source and a freshly started, empty target server. */
@Command(name = "clearml-sandbox", mixinStandardHelpOptions = true, subcommands = UpCommand.class,
        description = "Stand-in ClearML servers (MongoDB wire, OpenSearch, file-server directory) on loopback.")
public final class SandboxMain {

    public static void main(String[] args) {
        int exitCode = new CommandLine(new SandboxMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
