package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.gridcare.ivr.domain.CustomerSummary;
import org.gridcare.ivr.domain.Ending;
import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.IvrEvent;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.domain.Node;
import org.gridcare.ivr.domain.Variables;
import org.gridcare.pbx.CallSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's way through the menu: the session, the menu snapshot it started with (a reload does not change a
 * running call), the language, the variables prompts and actions use, and the identified customer. Used from the
 * session's Vert.x context only.
 */
final class IvrCall {
  private static final Logger LOG = LoggerFactory.getLogger(IvrCall.class);

  private final CallSession session;
  private final IvrMenu menu;
  private final Prompts prompts;
  private final IvrEvents events;
  private final Clock clock;
  private final Instant startedAt;
  private final String callerNumber;
  private final Map<String, String> variables = new HashMap<>();
  private String language;
  private CustomerSummary customer;
  private String node;
  private String servedFlow;
  private int steps;

  IvrCall(CallSession session, IvrMenu menu, Prompts prompts, IvrEvents events, Clock clock, String callerNumber) {
    this.session = session;
    this.menu = menu;
    this.prompts = prompts;
    this.events = events;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.callerNumber = callerNumber;
    String channelLanguage = session.info().language();
    language(channelLanguage != null && menu.languages().contains(channelLanguage) ? channelLanguage : menu.defaultLanguage());
  }

  CallSession session() {
    return session;
  }

  IvrMenu menu() {
    return menu;
  }

  String callId() {
    return session.info().call().value();
  }

  /** The calling number in E.164, or null when withheld or not a valid number. */
  String callerNumber() {
    return callerNumber;
  }

  String language() {
    return language;
  }

  void language(String language) {
    this.language = language;
    variables.put(Variables.LANGUAGE, language);
  }

  String variable(String name) {
    return variables.get(name);
  }

  void variable(String name, String value) {
    variables.put(name, value);
  }

  CustomerSummary customer() {
    return customer;
  }

  /** Remembers who is calling and offers their name to prompts ({@code {customer.name}}). */
  void identified(CustomerSummary customer) {
    this.customer = customer;
    variables.put("customer.name", customer.displayName());
    variables.put("customer.number", customer.customerNumber());
  }

  String customerId() {
    return customer == null ? null : customer.id();
  }

  /** A service completed the caller's request (a reading stored, an outage announced...). */
  void served(String flow) {
    this.servedFlow = flow;
  }

  String servedFlow() {
    return servedFlow;
  }

  /** How the session ends if it ends now without a transfer. */
  Ending endingSoFar(Ending otherwise) {
    if (servedFlow == null) {
      return otherwise;
    }
    return servedFlow.equals(VoicemailStep.FLOW) ? Ending.VOICEMAIL : Ending.SELF_SERVED;
  }

  Instant startedAt() {
    return startedAt;
  }

  Clock clock() {
    return clock;
  }

  String node() {
    return node;
  }

  int steps() {
    return steps;
  }

  void enter(String nodeId) {
    node = nodeId;
    steps++;
  }

  /** The sound file for a prompt in the caller's language, with the call's variables filled in. */
  Future<String> sound(String promptId) {
    return prompts.sound(menu, language, promptId, Map.copyOf(variables));
  }

  /** Journals one attempt at a node; a journal failure is logged, never the caller's problem. */
  Future<Void> step(Node at, InputKind input, String key, String outcome, int attempt) {
    return record(new IvrEvent.StepTaken(callId(), at.id(), at.kind(), input, key, outcome, attempt, customerId(),
        clock.instant()));
  }

  /** Records an event that is the caller's data (a survey answer): a failure is the action's failure. */
  Future<Void> store(IvrEvent event) {
    return events.record(event);
  }

  Future<Void> record(IvrEvent event) {
    return events.record(event).recover(e -> {
      LOG.warn("IVR event {} of call {} not recorded: {}", event.getClass().getSimpleName(), callId(), e.toString());
      return Future.succeededFuture();
    });
  }
}
