package org.gridcare.pbxsim.agi;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.gridcare.pbxsim.engine.Activity;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FastAGI session for one channel, as Asterisk runs it: connect, send the environment (LF-terminated lines, in
 * two writes split after {@code agi_context}, then an empty line), run the script's commands one at a time with
 * AGIExecStart/End events, and tell the script {@code HANGUP} once the channel is gone (after the reply of a command
 * that was running, or unsolicited when idle). The session keeps answering (511 for channel commands) until the
 * script closes the socket; then AGISTATUS is HANGUP, FAILURE (a command failed) or SUCCESS.
 */
final class AgiSession {
  private static final Logger LOG = LoggerFactory.getLogger(AgiSession.class);

  private final Switchboard sb;
  private final SimChannel ch;
  private final AgiUrl url;
  private final List<String> args;
  private final AgiCommands commands;
  private final Promise<String> done = Promise.promise();
  private final Deque<String> pending = new ArrayDeque<>();
  private final Activity idle = this::channelGone;
  private Activity replaced;
  private NetSocket socket;
  private boolean busy;
  private boolean dead;
  private boolean hangupSent;
  private boolean failed;
  private boolean closed;

  AgiSession(Switchboard sb, SimChannel ch, AgiUrl url, List<String> args, Map<String, String> database) {
    this.sb = sb;
    this.ch = ch;
    this.url = url;
    this.args = args;
    this.commands = new AgiCommands(sb, ch, database);
  }

  Future<String> start(NetClient client) {
    replaced = sb.pushActivity(ch, idle);
    dead = ch.hungUp();
    client.connect(url.port(), url.host())
        .onSuccess(this::connected)
        .onFailure(e -> {
          LOG.warn("FastAGI connect to {}:{} failed for {}: {}", url.host(), url.port(), ch.name(), e.getMessage());
          finish("FAILURE");
        });
    return done.future();
  }

  private void connected(NetSocket s) {
    socket = s;
    s.handler(RecordParser.newDelimited("\n", line -> command(line.toString().replaceAll("\r$", ""))));
    s.closeHandler(v -> {
      closed = true;
      if (!busy) {
        finish(dead ? "HANGUP" : failed ? "FAILURE" : "SUCCESS");
      }
    });
    s.exceptionHandler(e -> LOG.debug("FastAGI socket error on {}", ch.name(), e));
    String[] env = environment();
    s.write(env[0]);
    s.write(env[1]);
    if (dead) {
      notifyHangup();
    }
  }

  private String[] environment() {
    StringBuilder first = new StringBuilder()
        .append("agi_network: yes\n")
        .append("agi_network_script: ").append(url.script()).append('\n')
        .append("agi_request: ").append(url.url()).append('\n')
        .append("agi_channel: ").append(ch.name()).append('\n')
        .append("agi_language: en\n")
        .append("agi_type: PJSIP\n")
        .append("agi_uniqueid: ").append(ch.uniqueId()).append('\n')
        .append("agi_version: 22.10.1\n")
        .append("agi_callerid: ").append(orUnknown(ch.callerIdNum())).append('\n')
        .append("agi_calleridname: ").append(orUnknown(ch.callerIdName())).append('\n')
        .append("agi_callingpres: 0\n")
        .append("agi_callingani2: 0\n")
        .append("agi_callington: 0\n")
        .append("agi_callingtns: 0\n")
        .append("agi_dnid: ").append(orUnknown(ch.dnid())).append('\n')
        .append("agi_rdnis: unknown\n")
        .append("agi_context: ").append(ch.context()).append('\n');
    StringBuilder second = new StringBuilder()
        .append("agi_extension: ").append(ch.exten()).append('\n')
        .append("agi_priority: ").append(ch.priority()).append('\n')
        .append("agi_enhanced: 0.0\n")
        .append("agi_accountcode: \n")
        .append("agi_threadid: ").append(140064736949952L + sb.random().nextInt(1 << 20)).append('\n');
    for (int i = 0; i < args.size(); i++) {
      second.append("agi_arg_").append(i + 1).append(": ").append(args.get(i)).append('\n');
    }
    second.append('\n');
    return new String[] {first.toString(), second.toString()};
  }

  private void command(String line) {
    if (line.isBlank()) {
      return;
    }
    pending.add(line);
    pump();
  }

  private void pump() {
    if (busy || pending.isEmpty()) {
      if (!busy && closed) {
        finish(dead ? "HANGUP" : failed ? "FAILURE" : "SUCCESS");
      }
      return;
    }
    busy = true;
    String line = pending.poll();
    String commandId = Integer.toString(1 + sb.random().nextInt(Integer.MAX_VALUE - 1));
    sb.publish(ch.event("AGIExecStart", "agi,all").add("CommandId", commandId).add("Command", line));
    Future<AgiReply> reply;
    try {
      reply = commands.execute(line, dead);
    } catch (RuntimeException e) {
      LOG.warn("AGI command '{}' failed on {}", line, ch.name(), e);
      reply = Future.succeededFuture(AgiReply.failure("200 result=-1", false));
    }
    reply.onComplete(ar -> {
      AgiReply r = ar.succeeded() ? ar.result() : AgiReply.failure("200 result=-1", false);
      if (r.resultCode() == -1 && !r.channelGone()) {
        failed = true;
      }
      if (r.channelGone() || ch.hungUp()) {
        dead = true;
      }
      if (!closed) {
        r.writes().forEach(socket::write);
      }
      sb.publish(ch.event("AGIExecEnd", "agi,all").add("CommandId", commandId).add("Command", line)
          .add("ResultCode", r.resultCode()).add("Result", r.result()));
      busy = false;
      if (dead) {
        notifyHangup();
      }
      pump();
    });
  }

  /** The channel hung up or was taken away while the script was idle (or a command ran and has now replied). */
  private void channelGone() {
    dead = true;
    if (!busy) {
      notifyHangup();
    }
  }

  private void notifyHangup() {
    if (!hangupSent && socket != null && !closed) {
      hangupSent = true;
      socket.write("HANGUP\n");
    }
  }

  private void finish(String status) {
    if (done.future().isComplete()) {
      return;
    }
    sb.popActivity(ch, idle, replaced);
    if (socket != null && !closed) {
      socket.close();
    }
    done.complete(status);
  }

  private static String orUnknown(String value) {
    return value == null || value.isEmpty() ? "unknown" : value;
  }
}
