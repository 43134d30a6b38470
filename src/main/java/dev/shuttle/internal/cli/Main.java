package dev.shuttle.internal.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code shuttle} command-line tool: {@code connect}, {@code listen} and {@code demo}.
 *
 * <p>Exit codes: 0 success, 1 a connection or I/O failure, 2 bad usage or input.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: shuttle <command> [options]

            Commands:
              connect URI   send standard input to URI and copy what comes back to standard output,
                            like nc; end of input half-closes the connection, and the command ends
                            when the peer has closed too (URI: tcp://host:port, tls://host:port or
                            unix:///path; a host is a name or an IP address, IPv6 in brackets)
              listen URI    serve connections on URI, echoing what each sends (tcp://ip:port, port 0
                            picks a free port; tls://ip:port; unix:///path)
              demo          echo servers on loopback over TCP, TLS and a Unix socket, and a tour of
                            the library; needs no network

            Run 'shuttle <command> --help' for a command's options.
            Exit status: 0 done, 1 a connection or I/O failure, 2 bad usage.
            """;

    private Main() {}

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        int status = run(args, System.in, System.out, System.err, terminal);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, false);
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param terminal whether standard input and output are a terminal (a person typing)
     * @return the exit status
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "-h", "--help", "help" -> {
                out.print(USAGE_TEXT);
                yield OK;
            }
            case "connect" -> new ConnectCommand(in, out, err, terminal).run(rest);
            case "listen" -> new ListenCommand(out, err).run(rest);
            case "demo" -> new DemoCommand(out, err).run(rest);
            default -> {
                err.println("shuttle: unknown command '" + args[0] + "'");
                err.print(USAGE_TEXT);
                yield USAGE;
            }
        };
    }
}
