package dev.modelport.gguf.format;

import java.io.IOException;

/**
 * The one exception this library throws for a GGUF file that breaks the specification or our
 * safety limits. It extends {@link IOException} because a malformed file is an input problem, and
 * callers that stream files already handle that type; catch this subtype first to tell malformed
 * content apart from a failing disk.
 */
public final class GgufFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final GgufError error;

    public GgufFormatException(GgufError error, String message) {
        super(error + ": " + message);
        this.error = error;
    }

    /** The stable code for this failure. */
    public GgufError error() {
        return error;
    }
}
