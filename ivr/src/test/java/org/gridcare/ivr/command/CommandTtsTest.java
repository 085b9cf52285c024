package org.gridcare.ivr.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.gridcare.config.IvrConfig;
import org.gridcare.ivr.IvrModule;
import org.gridcare.ivr.app.LanguageTts;
import org.gridcare.ivr.app.Tts;
import org.gridcare.ivr.app.TtsCache;
import org.gridcare.ivr.freetts.FreeTts;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external-command engine with espeak-ng (Debian package {@code espeak-ng}, installed by .ci/run): Russian text
 * is rendered by it, not by FreeTTS, as a telephony WAV, cached like every other rendering.
 */
class CommandTtsTest {
  static final List<String> ESPEAK_RU = List.of("espeak-ng", "-v", "ru", "-w", "{out}", "{text}");

  @Test
  void russianTextIsSpokenByTheConfiguredEngineNotFreeTtsAndCached(@TempDir Path cacheDir) throws Exception {
    Vertx vertx = Vertx.vertx();
    FreeTts freeTts = FreeTts.load("kevin");
    try {
      Recording main = new Recording(freeTts);
      Tts tts = new LanguageTts(main, Map.of("ru", new CommandTts("ru", ESPEAK_RU)));
      TtsCache cache = new TtsCache(vertx, tts, cacheDir);
      assertThat(tts.speaks("ru")).isTrue();
      assertThat(tts.name("ru")).isEqualTo("command/espeak-ng -v ru -w {out} {text}");

      Path file = cache.render("ru", "Отключение электроэнергии в вашем районе. Ожидаемое время восстановления 14:30.")
          .await(30, TimeUnit.SECONDS);
      Path again = cache.render("ru", "Отключение электроэнергии в вашем районе. Ожидаемое время восстановления 14:30.")
          .await(30, TimeUnit.SECONDS);
      cache.render("en", "Power is back.").await(30, TimeUnit.SECONDS);

      assertThat(main.languages).as("FreeTTS spoke only the English text").containsExactly("en");
      assertThat(again).isEqualTo(file);
      assertTelephonySpeech(Files.readAllBytes(file), 2.0);
      cache.close();
    } finally {
      freeTts.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFailingProgramIsAClearError() {
    CommandTts broken = new CommandTts("ru", List.of("sh", "-c", "echo no voice for {text} >&2; exit 3", "{out}"));

    assertThatThrownBy(() -> broken.synthesise("ru", "привет"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("tts-failed"))
        .hasMessageContaining("sh exited with 3").hasMessageContaining("no voice for привет");
  }

  @Test
  void theEnginesOfTheConfigurationAreUsedPerLanguage() {
    Tts tts = IvrModule.speech(null, new IvrConfig.Tts(null, null, null,
        Map.of("ru", new IvrConfig.LanguageEngine("command", ESPEAK_RU))));
    assertThat(tts.name("ru")).startsWith("command/espeak-ng");
    assertThat(tts.speaks("ru")).isTrue();
  }

  @Test
  void resamplingToEightKilohertzKeepsTheVoiceBandAndFiltersWhatWouldFoldBack() throws Exception {
    assertThat(rms(tone(1000))).as("1 kHz passes").isBetween(6000.0, 8000.0);
    assertThat(rms(tone(6000))).as("6 kHz would alias to 2 kHz: filtered out").isLessThan(300.0);
  }

  /** A 22.05 kHz WAV (espeak-ng's rate) of a 10000-amplitude sine, through the telephony conversion. */
  private static byte[] tone(double hz) throws Exception {
    float rate = 22050f;
    int n = (int) rate;
    byte[] pcm = new byte[n * 2];
    for (int i = 0; i < n; i++) {
      short s = (short) Math.round(10000 * Math.sin(2 * Math.PI * hz * i / rate));
      pcm[2 * i] = (byte) s;
      pcm[2 * i + 1] = (byte) (s >> 8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(rate, 16, 1, true, false), n),
        AudioFileFormat.Type.WAVE, out);
    return CommandTts.telephony(out.toByteArray());
  }

  private static double rms(byte[] wav) throws Exception {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      byte[] pcm = in.readAllBytes();
      double sum = 0;
      int count = 0;
      // skip the filter's edges
      for (int i = 400; i + 1 < pcm.length - 400; i += 2) {
        short s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
        sum += (double) s * s;
        count++;
      }
      return Math.sqrt(sum / count);
    }
  }

  static void assertTelephonySpeech(byte[] wav, double minSeconds) throws Exception {
    AudioFormat f = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav)).getFormat();
    assertThat(f.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
    assertThat(f.getSampleRate()).isEqualTo(8000f);
    assertThat(f.getSampleSizeInBits()).isEqualTo(16);
    assertThat(f.getChannels()).isEqualTo(1);
    assertThat(f.isBigEndian()).isFalse();
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      byte[] pcm = in.readAllBytes();
      assertThat(pcm.length / 2 / 8000.0).as("a sentence takes seconds to say").isBetween(minSeconds, 15.0);
      double sum = 0;
      for (int i = 0; i + 1 < pcm.length; i += 2) {
        short s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
        sum += (double) s * s;
      }
      assertThat(Math.sqrt(sum / (pcm.length / 2.0))).as("speech, not silence").isGreaterThan(300);
    }
  }

  /** The main engine, noting which languages it was asked to speak. */
  private static final class Recording implements Tts {
    final Tts delegate;
    final List<String> languages = new ArrayList<>();

    Recording(Tts delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public boolean speaks(String language) {
      return delegate.speaks(language);
    }

    @Override
    public synchronized byte[] synthesise(String language, String text) {
      languages.add(language);
      return delegate.synthesise(language, text);
    }
  }
}
