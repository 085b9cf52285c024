package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import org.gridcare.ivr.domain.Ending;
import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.VoicemailNode;
import org.gridcare.pbx.domain.RecordResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the caller's message after the tone and registers it as a call-back ticket with the recording attached.
 * Hanging up is the usual way to finish a message: the ticket is registered all the same.
 */
final class VoicemailStep implements Step<VoicemailNode> {
  static final String FLOW = "voicemail";
  static final Duration SILENCE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(VoicemailStep.class);

  private final ServiceRequests requests;
  private final Path directory;

  /** @param directory where the PBX writes the recordings (it must be able to write there) */
  VoicemailStep(ServiceRequests requests, Path directory) {
    this.requests = requests;
    this.directory = directory;
  }

  @Override
  public Future<Next> exec(IvrCall call, VoicemailNode node) {
    String file = directory.resolve(call.callId() + "-" + call.clock().millis()).toAbsolutePath().toString();
    return call.sound(node.prompt())
        .compose(sound -> call.session().play(sound, ""))
        .compose(v -> call.session().record(file, "#", node.maxLength(), SILENCE))
        .compose((RecordResult recorded) -> requests.registerVoicemail(new ServiceRequests.Voicemail(call.callId(),
                node.topic(), recorded.file() + ".wav", node.maxLength(), call.customerId(), call.callerNumber()))
            .transform(ticket -> {
              if (ticket.succeeded()) {
                call.served(FLOW);
              } else {
                LOG.error("Voicemail of call {} recorded in {} but not registered: {}", call.callId(), recorded.file(),
                    ticket.cause().toString());
              }
              String outcome = ticket.succeeded() ? "registered" : "not-registered";
              return call.step(node, InputKind.RECORDING, null, outcome, 1)
                  .map(v -> recorded.hungUp() ? new Next.Finish(call.endingSoFar(Ending.FAILED), null)
                      : (Next) new Next.GoTo(node.next()));
            }));
  }
}
