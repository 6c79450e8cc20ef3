package dev.modelport.registry.provenance;

import java.util.List;

/**
 * The lineage graph around a version: all its ancestors and descendants. Versions the caller may not read are left
 * out, and counted in {@code hidden}.
 */
public record LineageView(String version, List<Node> nodes, List<Edge> edges, int hidden) {

    public LineageView {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public record Node(String version, String owner, String status, String kind, String role) {
    }

    public record Edge(String child, String parent, Relation relation, String entitlement) {
    }
}
