// Input: microphone features. The {{MIC_PART}} PDM microphone is read through ESP_I2S (clock pin {{MIC_CLK_PIN}},
// data pin {{MIC_DATA_PIN}}) at 16 kHz mono; every block of up to 256 samples becomes one feature, its log
// energy, quantized with the model's input scale; the window holds the last TD_IN_SIZE features. A simple front
// end: a model trained on another feature generator sees different numbers than in training.
#include <ESP_I2S.h>
#include <math.h>

static I2SClass td_i2s;
static int16_t td_pcm[256];
static bool td_mic_ready;
static int8_t td_window[TD_IN_SIZE];

static int8_t td_quantize(float value) {
  float q = value / TD_IN_SCALE + (float)TD_IN_ZERO_POINT;
  if (q < -128.0f) return -128;
  if (q > 127.0f) return 127;
  return (int8_t)(q < 0.0f ? q - 0.5f : q + 0.5f);
}

static void td_source_begin(void) {
  memset(td_window, TD_IN_ZERO_POINT, sizeof td_window);
  td_i2s.setPinsPdmRx({{MIC_CLK_PIN}}, {{MIC_DATA_PIN}});
  td_mic_ready = td_i2s.begin(I2S_MODE_PDM_RX, 16000, I2S_DATA_BIT_WIDTH_16BIT, I2S_SLOT_MODE_MONO);
}

static void td_source_fill(int8_t *input) {
  int bytes = td_mic_ready ? td_i2s.available() : 0;
  if (bytes >= 2) {
    if (bytes > (int)sizeof td_pcm) bytes = (int)sizeof td_pcm;
    int n = (int)td_i2s.readBytes((char *)td_pcm, (size_t)bytes) / 2;
    float energy = 0.0f;
    for (int i = 0; i < n; i++) energy += (float)td_pcm[i] * (float)td_pcm[i];
    memmove(td_window, td_window + 1, sizeof td_window - 1);
    td_window[TD_IN_SIZE - 1] = td_quantize(log10f(1.0f + energy / (float)(n > 0 ? n : 1)));
  }
  memcpy(input, td_window, sizeof td_window);
}
