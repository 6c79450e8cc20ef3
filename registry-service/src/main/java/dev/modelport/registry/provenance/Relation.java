package dev.modelport.registry.provenance;

import dev.modelport.registry.licensing.Right;

/** How a child version was made from a parent, and the licence right that making it needs. */
public enum Relation {
    FINETUNE(Right.FINE_TUNING),
    ADAPTER(Right.FINE_TUNING),
    MERGE(Right.FINE_TUNING),
    DISTILLED(Right.FINE_TUNING),
    CONTINUED_PRETRAIN(Right.FINE_TUNING),
    QUANTIZED(Right.QUANTIZATION);

    private final Right right;

    Relation(Right right) {
        this.right = right;
    }

    /** Every relation but quantization changes the weights by training, which the fine-tuning right governs. */
    public Right right() {
        return right;
    }
}
