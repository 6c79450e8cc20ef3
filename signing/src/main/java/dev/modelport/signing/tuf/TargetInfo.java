package dev.modelport.signing.tuf;

/** A target found in trusted metadata: its path, its file description and the role that listed it. */
public record TargetInfo(String path, TargetFile file, String role) {}
