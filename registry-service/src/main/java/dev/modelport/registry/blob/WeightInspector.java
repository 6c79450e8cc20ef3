package dev.modelport.registry.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what a weight file declares about itself; {@link GgufWeightInspector} does it with the shared {@code gguf}
 * module's reader.
 */
public interface WeightInspector {

    /**
     * Inspects the file whose bytes {@code in} yields from the start; {@code size} is its full length. Reads only
     * the header: the caller drains the rest (for hashing). Throws {@link NotGgufException} with a reason a person
     * can act on when the file is not a well-formed model file.
     */
    WeightInfo inspect(InputStream in, long size) throws IOException, NotGgufException;

    /** The file is not a valid GGUF model file; the message says why. */
    final class NotGgufException extends Exception {
        public NotGgufException(String message) {
            super(message);
        }
    }
}
