package dev.modelport.gguf.cli;

import dev.modelport.gguf.format.ByteRange;
import dev.modelport.gguf.format.GgufFormatException;
import dev.modelport.gguf.format.GgufHeader;
import dev.modelport.gguf.format.GgufReader;
import dev.modelport.gguf.format.GgufTensorInfo;
import dev.modelport.gguf.format.GgufValue;
import dev.modelport.gguf.memory.MemoryEstimate;
import dev.modelport.gguf.memory.MemoryEstimator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/** {@code inspect FILE [--context N]}: what is in a GGUF file, read from its header only. */
final class InspectCommand {
    private static final int MAX_VALUE_CHARS = 100;

    private InspectCommand() {
    }

    static int run(List<String> rawArgs, PrintStream out) throws IOException {
        GgufCli.Args args = new GgufCli.Args(rawArgs, "--context");
        String file = args.positional(1, 1).get(0);
        GgufHeader h = GgufReader.readHeader(Paths.get(file));
        out.printf("file: %s%n", file);
        out.printf("GGUF v%d, %s, alignment %d, tensor data at offset %d%n",
                h.version(), Units.bytes(h.fileSize()), h.alignment(), h.dataOffset());
        out.printf("%nmetadata (%d keys)%n", h.metadata().size());
        for (Map.Entry<String, GgufValue> e : h.metadata().asMap().entrySet()) {
            out.printf("  %-45s %-8s %s%n", e.getKey(), e.getValue().type(), shorten(e.getValue().toString()));
        }
        printTensors(h, out);
        printMemory(h, args.intOption("--context", 0), out);
        return 0;
    }

    private static void printTensors(GgufHeader h, PrintStream out) {
        out.printf("%ntensors (%d, %s)%n", h.tensors().size(), Units.bytes(h.tensorBytes()));
        out.printf("  %-40s %-6s %-22s %14s %14s%n", "name", "type", "shape", "offset", "bytes");
        for (GgufTensorInfo t : h.tensors()) {
            ByteRange r = h.rangeOf(t);
            out.printf("  %-40s %-6s %-22s %14d %14d%n", t.name(), t.type(), t.shape(), r.offset(), r.length());
        }
    }

    private static void printMemory(GgufHeader h, int context, PrintStream out) {
        try {
            MemoryEstimate e = context > 0 ? MemoryEstimator.estimate(h, context) : MemoryEstimator.estimate(h);
            out.printf("%nmemory estimate at context %d: weights %s + KV cache (f16) %s = %s%n",
                    e.contextLength(), Units.bytes(e.weightBytes()), Units.bytes(e.kvCacheBytes()), Units.bytes(e.totalBytes()));
        } catch (GgufFormatException e) {
            out.printf("%nmemory estimate: unavailable (%s)%n", e.getMessage());
        }
    }

    private static String shorten(String s) {
        String oneLine = s.replace("\n", "\\n");
        return oneLine.length() <= MAX_VALUE_CHARS ? oneLine : oneLine.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
