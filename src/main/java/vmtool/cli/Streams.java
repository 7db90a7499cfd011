package vmtool.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * What a command writes to: the raw standard output (pmap's output is bytes, as the kernel wrote them)
 * and the error writer.
 */
public record Streams(OutputStream out, PrintWriter err) {
}
