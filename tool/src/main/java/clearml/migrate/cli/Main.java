package clearml.migrate.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** The {@code clearml-migrate} entry point: builds the command line, runs it, exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        int code = MigrateCommandLine.create(out, err, Environment.system()).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
