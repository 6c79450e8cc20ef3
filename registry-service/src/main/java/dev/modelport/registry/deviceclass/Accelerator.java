package dev.modelport.registry.deviceclass;

public enum Accelerator {
    NONE, GPU, NPU, DSP
}
