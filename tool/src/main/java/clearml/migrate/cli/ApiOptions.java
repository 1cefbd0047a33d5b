package clearml.migrate.cli;

import clearml.migrate.api.ApiSettings;
import clearml.migrate.api.ApiSettingsSources;
import clearml.migrate.failures.UsageException;
import clearml.migrate.retry.Patience;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The flags that reach a server through its REST API instead of its stores (issue #15), turned into the
 * {@link ApiSettings} the core sees. A command works through the API when one of them is given; ClearML's own
 * variables alone never switch a command away from the stores, as users of ClearML's SDK have them set anyway.
 * {@code --retry-for} is shared with the direct mode ({@link ConnectionOptions}).
 */
public final class ApiOptions {

    private static final String RETRY_FOR = "--retry-for";

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Option(names = "--api-host", paramLabel = "URL", order = 120,
            description = "Reach the server through its REST API at this address (e.g. https://api.clear.ml, "
                    + "http://localhost:8008) instead of its MongoDB and Elasticsearch; wins over CLEARML_API_HOST "
                    + "and clearml.conf.")
    private @Nullable String apiHost;

    @Option(names = "--api-credentials-file", paramLabel = "FILE", order = 121,
            description = "HOCON or JSON file with the access key and secret key: the web UI's 'Create new "
                    + "credentials' snippet (api { credentials { access_key, secret_key } }), or "
                    + "{\"access_key\": …, \"secret_key\": …}. Wins over CLEARML_API_ACCESS_KEY/"
                    + "CLEARML_API_SECRET_KEY and clearml.conf.")
    private @Nullable Path credentialsFile;

    @Option(names = "--clearml-config", paramLabel = "FILE", order = 122,
            description = "The ClearML SDK configuration to take the API host, file server and credentials from "
                    + "when neither a credentials file nor the CLEARML_API_* variables give them. "
                    + "Default: CLEARML_CONFIG_FILE, else ~/clearml.conf, if it exists.")
    private @Nullable Path clearmlConfig;

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    private final Environment environment;
    private String prefix = "--";

    ApiOptions(Environment environment) {
        this.environment = environment;
    }

    /**
     * The command these options belong to when declared under a prefix ({@link PrefixedOptions}), such as
     * {@code --to-}: the store flags under the same prefix are the ones they cannot go with.
     */
    void reportTo(CommandSpec mixee, String prefix) {
        this.command = mixee;
        this.prefix = prefix;
    }

    /** Whether the command works through the API: one of the API flags is on the command line. */
    public boolean given() {
        return apiHost != null || credentialsFile != null || clearmlConfig != null;
    }

    /**
     * The API settings, the files read and the sources weighed in their order.
     *
     * @throws UsageException when direct-mode flags are given too, or no source names the host or the keys
     */
    public ApiSettings settings() {
        refuseDirectFlags();
        return new ApiSettingsSources(apiHost, credentialsFile, clearmlConfig, environment.variables())
                .settings(retryFor());
    }

    private void refuseDirectFlags() {
        List<String> direct = spec().commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName)
                .filter(name -> name.startsWith(prefix + "mongo-") || name.startsWith(prefix + "elastic-"))
                .toList();
        if (!direct.isEmpty()) {
            throw new UsageException(spec().name() + " reaches a server either through its API (" + prefix
                    + "api-host, " + prefix + "api-credentials-file, " + prefix + "clearml-config) or through its"
                    + " stores (" + String.join(", ", direct)
                    + "), not both: drop one kind");
        }
    }

    private Duration retryFor() {
        String flag = prefix + RETRY_FOR.substring(2);
        OptionSpec option = spec().findOption(flag);
        Object value = option == null ? null : option.getValue();
        return value == null ? Patience.DEFAULT : DurationText.parse(flag, value.toString());
    }

    private CommandSpec spec() {
        return Injected.required(command, "command spec of the API options");
    }
}
