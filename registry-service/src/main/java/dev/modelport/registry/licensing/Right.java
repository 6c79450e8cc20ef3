package dev.modelport.registry.licensing;

/** What an offer may allow a licensee to do with the licensed model. */
public enum Right {
    FINE_TUNING("fine-tuning"), QUANTIZATION("quantization"), DEVICE_DISTRIBUTION("device distribution");

    private final String words;

    Right(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
