package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.gridcare.ivr.domain.ActionNode;
import org.gridcare.ivr.domain.BranchNode;
import org.gridcare.ivr.domain.CollectNode;
import org.gridcare.ivr.domain.HangUpNode;
import org.gridcare.ivr.domain.LanguageNode;
import org.gridcare.ivr.domain.MenuCatalogue.TopicRoute;
import org.gridcare.ivr.domain.MenuNode;
import org.gridcare.ivr.domain.Node;
import org.gridcare.ivr.domain.PlayNode;
import org.gridcare.ivr.domain.TransferNode;
import org.gridcare.ivr.domain.VoicemailNode;

/** The step for each node kind. */
public final class Steps {
  private final PlayStep play = new PlayStep();
  private final MenuStep menu = new MenuStep();
  private final CollectStep collect = new CollectStep();
  private final LanguageStep language = new LanguageStep();
  private final BranchStep branch = new BranchStep();
  private final HangUpStep hangUp = new HangUpStep();
  private final ActionStep action;
  private final TransferStep transfer;
  private final VoicemailStep voicemail;

  /**
   * @param topics the routes of the centre's topics (line, priority, hazard)
   * @param voicemailDir where the PBX records voicemail
   * @param surveyLines the lines whose callers are asked the post-call survey
   */
  public Steps(UtilityActions actions, Map<String, TopicRoute> topics, AcdHandoff acd, OpeningHours hours,
      ServiceRequests requests, Path voicemailDir, Set<Integer> surveyLines) {
    this.action = new ActionStep(actions);
    this.transfer = new TransferStep(Map.copyOf(topics), acd, hours, surveyLines);
    this.voicemail = new VoicemailStep(requests, voicemailDir);
  }

  Future<Next> exec(IvrCall call, Node node) {
    if (node instanceof PlayNode n) {
      return play.exec(call, n);
    } else if (node instanceof MenuNode n) {
      return menu.exec(call, n);
    } else if (node instanceof CollectNode n) {
      return collect.exec(call, n);
    } else if (node instanceof ActionNode n) {
      return action.exec(call, n);
    } else if (node instanceof BranchNode n) {
      return branch.exec(call, n);
    } else if (node instanceof TransferNode n) {
      return transfer.exec(call, n);
    } else if (node instanceof VoicemailNode n) {
      return voicemail.exec(call, n);
    } else if (node instanceof LanguageNode n) {
      return language.exec(call, n);
    } else if (node instanceof HangUpNode n) {
      return hangUp.exec(call, n);
    }
    throw new IllegalArgumentException("no step for " + node.kind());
  }
}
