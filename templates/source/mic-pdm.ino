// Input: microphone features. The PDM microphone ({{MIC_PART}}) records 16 kHz mono; every block of samples it
// delivers becomes one feature, its log energy, quantized with the model's input scale; the window holds the
// last TD_IN_SIZE features. This is a simple front end: a model trained on another feature generator (e.g. the
// micro_speech spectrogram) sees different numbers than in training.
#include <PDM.h>
#include <math.h>

static int16_t td_pcm[256];
static volatile int td_pcm_samples;
static int8_t td_window[TD_IN_SIZE];

static int8_t td_quantize(float value) {
  float q = value / TD_IN_SCALE + (float)TD_IN_ZERO_POINT;
  if (q < -128.0f) return -128;
  if (q > 127.0f) return 127;
  return (int8_t)(q < 0.0f ? q - 0.5f : q + 0.5f);
}

static void td_on_pdm(void) {
  int bytes = PDM.available();
  if (bytes > (int)sizeof td_pcm) bytes = (int)sizeof td_pcm;
  PDM.read(td_pcm, bytes);
  td_pcm_samples = bytes / 2;
}

static void td_source_begin(void) {
  memset(td_window, TD_IN_ZERO_POINT, sizeof td_window);
  PDM.onReceive(td_on_pdm);
  PDM.begin(1, 16000);
}

static void td_source_fill(int8_t *input) {
  int n = td_pcm_samples;
  if (n > 0) {
    float energy = 0.0f;
    for (int i = 0; i < n; i++) energy += (float)td_pcm[i] * (float)td_pcm[i];
    td_pcm_samples = 0;
    memmove(td_window, td_window + 1, sizeof td_window - 1);
    td_window[TD_IN_SIZE - 1] = td_quantize(log10f(1.0f + energy / (float)n));
  }
  memcpy(input, td_window, sizeof td_window);
}
