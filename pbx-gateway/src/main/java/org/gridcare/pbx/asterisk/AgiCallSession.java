package org.gridcare.pbx.asterisk;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ChannelStatusCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.CallerHungUp;
import org.gridcare.pbx.domain.RecordResult;
import org.gridcare.pbx.domain.SessionInfo;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;
import org.gridcare.platform.domain.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FastAGI conversation. The script runs on its Vert.x context; each command it issues is queued to the AGI
 * worker thread that owns the socket ({@link #serve}), executed there one at a time, and completed back on the
 * script's context. The session ends when the script's future completes (or the server closes): the worker thread
 * returns and Asterisk-Java closes the socket, which lets Asterisk continue in the dialplan.
 */
final class AgiCallSession implements CallSession {
  private static final Logger log = LoggerFactory.getLogger(AgiCallSession.class);

  private record Command(Runnable run, Consumer<Throwable> fail) {}

  private static final Command END = new Command(() -> {}, e -> {});

  @FunctionalInterface
  private interface AgiCall<T> {
    T run() throws AgiException;
  }

  private final AgiChannel channel;
  private final SessionInfo info;
  private final Context context;
  private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private volatile boolean hungUp;
  private volatile boolean ended;

  AgiCallSession(AgiChannel channel, SessionInfo info, Context context) {
    this.channel = channel;
    this.info = info;
    this.context = context;
  }

  /** Runs on the AGI worker thread until the script's future completes. */
  void serve(CallScript script) {
    context.runOnContext(v -> {
      Future<Void> run;
      try {
        run = script.run(this);
      } catch (RuntimeException e) {
        run = Future.failedFuture(e);
      }
      run.onComplete(ar -> {
        if (ar.failed() && !(ar.cause() instanceof CallerHungUp)) {
          log.warn("IVR script {} failed on channel {}: {}", info.script(), info.channel(), ar.cause().toString());
        }
        end();
      });
    });
    try {
      for (Command command = commands.take(); command != END; command = commands.take()) {
        command.run().run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ended = true;
      List<Command> left = new ArrayList<>();
      commands.drainTo(left);
      left.forEach(c -> c.fail().accept(sessionEnded()));
    }
  }

  /** Ends the session from outside (server shutdown): the worker thread finishes what it runs and returns. */
  void end() {
    commands.add(END);
  }

  /**
   * AMI reported that the channel is being hung up. Asterisk's unsolicited {@code HANGUP} line is only read with the
   * next command, and Asterisk keeps the dead channel until the script closes the socket, so an idle script (waiting
   * for the ACD, say) would hold channel, worker and socket indefinitely: the session ends now and the script's
   * later commands fail with {@link CallerHungUp}.
   */
  void callerLeft() {
    hungUp = true;
    end();
  }

  @Override
  public SessionInfo info() {
    return info;
  }

  @Override
  public boolean hungUp() {
    return hungUp;
  }

  @Override
  public Future<Void> answer() {
    return submit("ANSWER", () -> {
      checked(channel.sendCommand(new AnswerCommand()));
      return null;
    });
  }

  @Override
  public Future<Optional<Character>> play(String prompt, String escapeDigits) {
    return submit("STREAM FILE", () -> {
      AgiReply reply = checked(channel.sendCommand(new StreamFileCommand(prompt, orEmpty(escapeDigits))));
      return digit(reply.getResultCode());
    });
  }

  @Override
  public Future<String> collect(String prompt, Duration timeout, int maxDigits) {
    return submit("GET DATA", () -> {
      // GET DATA answers the digits as a string ("200 result=5", "200 result= (timeout)"), -1 on hang-up/error.
      AgiReply reply = channel.sendCommand(new GetDataCommand(prompt, timeout.toMillis(), maxDigits));
      String result = reply.getResult() == null ? "" : reply.getResult().strip();
      if (result.equals("-1")) {
        checked(reply);
      }
      return result;
    });
  }

  @Override
  public Future<Optional<Character>> waitForDigit(Duration timeout) {
    return submit("WAIT FOR DIGIT", () -> {
      AgiReply reply = checked(channel.sendCommand(new WaitForDigitCommand(timeout.toMillis())));
      return digit(reply.getResultCode());
    });
  }

  @Override
  public Future<RecordResult> record(String file, String escapeDigits, Duration maxLength, Duration silence) {
    return submit("RECORD FILE", () -> {
      AgiReply reply = channel.sendCommand(new RecordFileCommand(file, "wav", orEmpty(escapeDigits),
          (int) maxLength.toMillis(), 0, true, (int) silence.toSeconds()));
      if ("hangup".equals(reply.getExtra()) || (reply.getResultCode() == -1 && hungUpNow())) {
        hungUp = true;
        return new RecordResult(file, Optional.empty(), true);
      }
      checked(reply);
      return new RecordResult(file, digit(reply.getResultCode()), false);
    });
  }

  @Override
  public Future<Integer> exec(String application, String arguments) {
    return submit("EXEC", () -> {
      AgiReply reply = channel.sendCommand(arguments == null
          ? new ExecCommand(application) : new ExecCommand(application, arguments));
      if (reply.getResultCode() == -2) {
        throw DomainException.invalid("no-such-application", "The PBX has no application " + application);
      }
      return reply.getResultCode();
    });
  }

  @Override
  public Future<Void> setVariable(String name, String value) {
    return submit("SET VARIABLE", () -> {
      channel.sendCommand(new SetVariableCommand(name, value));
      return null;
    });
  }

  @Override
  public Future<Optional<String>> getVariable(String name) {
    return submit("GET VARIABLE", () -> {
      AgiReply reply = channel.sendCommand(new GetVariableCommand(name));
      return reply.getResultCode() == 1 ? Optional.ofNullable(reply.getExtra()) : Optional.<String>empty();
    });
  }

  @Override
  public Future<Void> hangUp() {
    return submit("HANGUP", () -> {
      channel.sendCommand(new HangupCommand());
      hungUp = true;
      return null;
    });
  }

  private <T> Future<T> submit(String name, AgiCall<T> call) {
    Promise<T> promise = Promise.promise();
    Future<T> onContext = promise.future();
    Consumer<Throwable> fail = e -> context.runOnContext(v -> promise.fail(e));
    if (hungUp) {
      return Future.failedFuture(new CallerHungUp(info.channel().value()));
    }
    if (ended) {
      return Future.failedFuture(sessionEnded());
    }
    commands.add(new Command(() -> {
      if (hungUp) {
        fail.accept(new CallerHungUp(info.channel().value()));
        return;
      }
      try {
        T value = call.run();
        context.runOnContext(v -> promise.complete(value));
      } catch (AgiHangupException e) {
        hungUp = true;
        log.info("Caller {} hung up during {} on channel {}", Masking.phone(info.callerNumber()), name,
            info.channel());
        fail.accept(new CallerHungUp(info.channel().value()));
      } catch (AgiNetworkException e) {
        // Asterisk closed the socket: the channel is gone.
        hungUp = true;
        fail.accept(new CallerHungUp(info.channel().value()));
      } catch (AgiException e) {
        fail.accept(new DomainException(ErrorKind.UNAVAILABLE, "agi-command-failed",
            name + " failed: " + e.getMessage(), Map.of("command", name), e));
      } catch (RuntimeException e) {
        fail.accept(e);
      }
    }, fail));
    if (ended) {
      // Raced with the end of the session: the worker may never take it.
      List<Command> left = new ArrayList<>();
      commands.drainTo(left);
      left.forEach(c -> c.fail().accept(sessionEnded()));
    }
    return onContext;
  }

  /**
   * {@code result=-1} means "error or hang-up" (a hang-up mid-prompt, or a missing sound file). A CHANNEL STATUS
   * tells them apart: on a dead channel it gets 511, which Asterisk-Java raises as {@link AgiHangupException}.
   */
  private AgiReply checked(AgiReply reply) throws AgiException {
    if (reply.getResultCode() == -1) {
      if (hungUpNow()) {
        throw new AgiHangupException();
      }
      throw new AgiException("the PBX answered " + reply.getFirstLine());
    }
    return reply;
  }

  private boolean hungUpNow() throws AgiException {
    try {
      channel.sendCommand(new ChannelStatusCommand());
      return false;
    } catch (AgiHangupException | AgiNetworkException e) {
      return true;
    }
  }

  private static Optional<Character> digit(int code) {
    return code > 0 ? Optional.of((char) code) : Optional.empty();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private DomainException sessionEnded() {
    return DomainException.conflict("agi-session-ended", "The IVR session on " + info.channel() + " has ended");
  }
}
