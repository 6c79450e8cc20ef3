package dev.modelport.registry.catalog;

public enum ModelKind {
    BASE, FINETUNE, ADAPTER, MERGE, DISTILLED
}
