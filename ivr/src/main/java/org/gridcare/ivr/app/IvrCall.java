package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
  /** Set on the caller's channel by the ACD when it bridges them to an operator. */
  static final String OPERATOR = "CC_OPERATOR";

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
  private String knownCustomerId;
  private Integer line;
  private String operatorId;
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
    return customer == null ? knownCustomerId : customer.id();
  }

  /** The line the caller was queued for, from the channel (survey), or null. */
  Integer line() {
    return line;
  }

  /** The operator who talked to the caller, from the channel (survey), or null. */
  String operatorId() {
    return operatorId;
  }

  /**
   * Reads what the earlier parts of the call left on the channel: the IVR's transfer ({@code CC_LANGUAGE},
   * {@code CC_CUSTOMER}, {@code CC_LINE}) and the ACD's bridge ({@code CC_OPERATOR}).
   */
  Future<Void> fromChannel() {
    Future<Optional<String>> lang = session.getVariable(TransferStep.LANGUAGE);
    Future<Optional<String>> cust = session.getVariable(TransferStep.CUSTOMER);
    Future<Optional<String>> ln = session.getVariable(TransferStep.LINE);
    Future<Optional<String>> op = session.getVariable(OPERATOR);
    return Future.all(lang, cust, ln, op).map(all -> {
      lang.result().filter(menu.languages()::contains).ifPresent(this::language);
      knownCustomerId = cust.result().filter(v -> !v.isBlank()).orElse(null);
      line = ln.result().filter(v -> v.matches("\\d{1,9}")).map(Integer::valueOf).orElse(null);
      operatorId = op.result().filter(v -> !v.isBlank()).orElse(null);
      return null;
    });
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
