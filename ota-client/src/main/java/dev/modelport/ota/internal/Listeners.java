package dev.modelport.ota.internal;

import dev.modelport.ota.OtaEvent;
import dev.modelport.ota.OtaListener;
import dev.modelport.ota.Progress;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls every listener, catching and logging whatever it throws, so that no listener can break
 * an install (OkHttp's EventListener rule: callbacks must be fast and must not throw).
 */
public final class Listeners implements OtaListener {
  private static final Logger LOG = Logger.getLogger(Listeners.class.getName());
  private final List<OtaListener> listeners;

  public Listeners(List<OtaListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onProgress(Progress progress) {
    for (OtaListener l : listeners) {
      try {
        l.onProgress(progress);
      } catch (Throwable t) {
        LOG.log(Level.WARNING, "listener " + l + " threw from onProgress; ignored", t);
      }
    }
  }

  @Override
  public void onEvent(OtaEvent event) {
    for (OtaListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (Throwable t) {
        LOG.log(Level.WARNING, "listener " + l + " threw from onEvent; ignored", t);
      }
    }
  }

  @Override
  public void onMessage(String message) {
    LOG.fine(message);
    for (OtaListener l : listeners) {
      try {
        l.onMessage(message);
      } catch (Throwable t) {
        LOG.log(Level.WARNING, "listener " + l + " threw from onMessage; ignored", t);
      }
    }
  }
}
