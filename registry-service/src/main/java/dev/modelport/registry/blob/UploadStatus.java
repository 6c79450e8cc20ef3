package dev.modelport.registry.blob;

public enum UploadStatus {
    OPEN, COMPLETE, FAILED
}
