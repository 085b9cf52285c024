package org.gridcare.ivr.domain;

import java.util.Map;

/**
 * One step of an IVR menu, identified by its id (the key under {@code nodes:} in ivr.yaml). Each kind declares the
 * nodes it can lead to and the prompts it plays, by field, so the menu can be checked as a whole, and checks its own
 * fields.
 */
public sealed interface Node
    permits PlayNode, MenuNode, CollectNode, ActionNode, BranchNode, TransferNode, VoicemailNode, LanguageNode,
        HangUpNode {

  String id();

  /** The kind as written in ivr.yaml ({@code type: menu}). */
  String kind();

  /** Field key (e.g. {@code options.1}, {@code next}) → node id it leads to; null targets are left out. */
  Map<String, String> exits();

  /** Field key → prompt id; null prompts are left out. */
  Map<String, String> prompts();

  /** Checks the node's own fields (exits and prompts are checked by the menu). */
  void check(NodeChecks checks, MenuCatalogue catalogue);
}
