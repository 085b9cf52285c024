package org.gridcare.desktop.app;

/** What the desktop needs from the IVR (wired by the server): whether the current menu has a node to send callers to. */
@FunctionalInterface
public interface IvrDesk {

  boolean hasNode(String nodeId);
}
