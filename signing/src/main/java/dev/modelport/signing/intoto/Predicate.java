package dev.modelport.signing.intoto;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A typed in-toto predicate: its type URI and its JSON body. */
public interface Predicate {
  String predicateType();

  ObjectNode toJson();
}
