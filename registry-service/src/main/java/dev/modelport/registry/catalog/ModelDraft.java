package dev.modelport.registry.catalog;

/** The caller-supplied fields of a model line. */
public record ModelDraft(String name, ModelKind kind, String architecture, long parameterCount, int contextLength,
                         Visibility visibility, String description) {
}
