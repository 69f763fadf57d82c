// Shared by the sensor sources: the window of quantized readings the model sees, newest last, and the
// quantization of one reading with the model's input scale and zero point (round half away from zero, saturate).
static int8_t td_window[TD_IN_SIZE];

static int8_t td_quantize(float value) {
  float q = value / TD_IN_SCALE + (float)TD_IN_ZERO_POINT;
  if (q < -128.0f) return -128;
  if (q > 127.0f) return 127;
  return (int8_t)(q < 0.0f ? q - 0.5f : q + 0.5f);
}

