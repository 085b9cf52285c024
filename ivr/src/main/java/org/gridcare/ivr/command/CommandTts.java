package org.gridcare.ivr.command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.gridcare.ivr.app.Tts;
import org.gridcare.platform.domain.DomainException;

/**
 * Speaks one language by running a program per text, e.g. {@code espeak-ng -v ru -w {out} {text}}: {@code {text}}
 * and {@code {out}} in the arguments are replaced by the text and a temporary WAV file. The program's WAV (any rate,
 * mono or stereo, 8 to 16 bits) is converted to what Asterisk plays: 8 kHz 16-bit mono, low-pass filtered before the
 * rate drops so nothing above 4 kHz folds back into the band. Blocking: called on the TTS cache's worker thread.
 */
public final class CommandTts implements Tts {
  static final AudioFormat TELEPHONY = new AudioFormat(8000f, 16, 1, true, false);
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Taps of the resampling filter on each side, in output samples. */
  private static final int HALF_TAPS = 16;

  private final String language;
  private final List<String> command;

  public CommandTts(String language, List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command for language " + language);
    }
    this.language = language;
    this.command = List.copyOf(command);
  }

  /** The program and its arguments: part of the cache key, so another voice renders anew. */
  @Override
  public String name() {
    return "command/" + String.join(" ", command);
  }

  @Override
  public boolean speaks(String language) {
    return this.language.equals(language);
  }

  @Override
  public byte[] synthesise(String language, String text) {
    Path out = null;
    try {
      out = Files.createTempFile("gridcare-tts-", ".wav");
      // A text starting with "-" must not be read as an option of the program.
      String spoken = text.startsWith("-") ? " " + text : text;
      List<String> args = new ArrayList<>();
      for (String a : command) {
        args.add(a.replace("{text}", spoken).replace("{out}", out.toString()));
      }
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw DomainException.unavailable("tts-failed", command.get(0) + " did not finish within " + TIMEOUT, null);
      }
      if (p.exitValue() != 0 || Files.size(out) == 0) {
        throw DomainException.unavailable("tts-failed", command.get(0) + " exited with " + p.exitValue() + ": "
            + tail(new String(output, StandardCharsets.UTF_8)), null);
      }
      return telephony(Files.readAllBytes(out));
    } catch (IOException e) {
      throw new UncheckedIOException("running " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DomainException.unavailable("tts-failed", "interrupted while " + command.get(0) + " ran", e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  /** Any PCM WAV as 8 kHz 16-bit signed little-endian mono WAV. */
  static byte[] telephony(byte[] wav) {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      AudioFormat src = in.getFormat();
      AudioFormat pcm16 = new AudioFormat(src.getSampleRate(), 16, src.getChannels(), true, false);
      byte[] bytes = AudioSystem.getAudioInputStream(pcm16, in).readAllBytes();
      int channels = src.getChannels();
      int frames = bytes.length / (2 * channels);
      double[] mono = new double[frames];
      for (int f = 0; f < frames; f++) {
        double sum = 0;
        for (int c = 0; c < channels; c++) {
          int i = 2 * (f * channels + c);
          sum += (short) ((bytes[i] & 0xff) | (bytes[i + 1] << 8));
        }
        mono[f] = sum / channels;
      }
      short[] samples = resample(mono, src.getSampleRate(), TELEPHONY.getSampleRate());
      byte[] pcm = new byte[samples.length * 2];
      for (int i = 0; i < samples.length; i++) {
        pcm[2 * i] = (byte) samples[i];
        pcm[2 * i + 1] = (byte) (samples[i] >> 8);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
      AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), TELEPHONY, samples.length),
          AudioFileFormat.Type.WAVE, out);
      return out.toByteArray();
    } catch (UnsupportedAudioFileException e) {
      throw DomainException.unavailable("tts-failed", "the TTS program did not write a PCM WAV file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Band-limited resampling: each output sample is the input under a Hann-windowed sinc whose cut-off is the lower of
   * the two Nyquist frequencies.
   */
  static short[] resample(double[] in, float fromRate, float toRate) {
    double step = fromRate / toRate;
    double cutoff = Math.min(1.0, toRate / fromRate);
    double half = HALF_TAPS / cutoff;
    int n = (int) Math.floor(in.length / step);
    short[] out = new short[n];
    for (int j = 0; j < n; j++) {
      double t = j * step;
      int from = Math.max(0, (int) Math.ceil(t - half));
      int to = Math.min(in.length - 1, (int) Math.floor(t + half));
      double acc = 0;
      for (int k = from; k <= to; k++) {
        double x = t - k;
        double window = 0.5 * (1 + Math.cos(Math.PI * x / half));
        acc += in[k] * cutoff * sinc(cutoff * x) * window;
      }
      out[j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
    }
    return out;
  }

  private static double sinc(double x) {
    return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  }

  private static String tail(String s) {
    String t = s.strip();
    return t.length() <= 300 ? t : "…" + t.substring(t.length() - 300);
  }
}
