package org.gridcare.pbxsim.dialplan;

import java.util.List;

/**
 * A {@code [[context,]extension,]priority} jump target as written in Goto / GotoIf; {@code priority} may be a
 * label. Missing parts default to the channel's current context and extension.
 */
public record GotoTarget(String context, String extension, String priority) {

  public static GotoTarget parse(String text, String currentContext, String currentExtension) {
    List<String> parts = AppArguments.split(text);
    return switch (parts.size()) {
      case 1 -> new GotoTarget(currentContext, currentExtension, parts.get(0).strip());
      case 2 -> new GotoTarget(currentContext, parts.get(0).strip(), parts.get(1).strip());
      default -> new GotoTarget(parts.get(0).strip(), parts.get(1).strip(), parts.get(2).strip());
    };
  }
}
